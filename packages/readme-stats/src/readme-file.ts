import { InputError, PipelineError, readInputFile, writeFileAtomic } from '@proxmox-openapi/core';
import type { SpecStats } from './types.js';
import { updateReadme } from './update-readme.js';

// A README is a few kilobytes; the limit only stops a device or a runaway file.
const MAX_README_BYTES = 16 * 1024 * 1024;

/**
 * Writes statistics into a README file between its markers (one `SpecStats`: the per-API
 * section; an array: the root table). The file is written only when its text changed.
 * @returns whether it changed.
 * @throws InputError naming the file when it cannot be read or has no marker pair.
 */
export async function updateReadmeFile(file: string, stats: SpecStats | SpecStats[]): Promise<boolean> {
  const text = (await readInputFile(file, { what: 'the README', maxBytes: MAX_README_BYTES })).toString(
    'utf8',
  );
  let next: string;
  try {
    next = updateReadme(text, stats);
  } catch (error) {
    if (error instanceof PipelineError) throw new InputError(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
  if (next === text) return false;
  await writeFileAtomic(file, next);
  return true;
}
