import { readFile } from 'node:fs/promises';
import {
  describeError,
  getApiTarget,
  InputError,
  isApiId,
  PipelineError,
  writeFileAtomic,
} from '@proxmox-openapi/core';
import { STATS_END, STATS_START } from './markers.js';
import type { SpecStats } from './types.js';
import { updateReadme } from './update-readme.js';

/** A new `specs/<api>/README.md`: a heading, a sentence, and the markers the numbers go between. */
export function newApiReadme(stats: SpecStats): string {
  const name = isApiId(stats.api) ? getApiTarget(stats.api).name : stats.title || stats.api;
  return `# ${name}: OpenAPI document

\`${stats.api}-api.json\` and \`${stats.api}-api.yaml\` describe the ${name} API, generated from
the schema its API viewer publishes (\`apidoc.json\` is the snapshot they were made from).
The numbers below are written by \`proxmox-openapi stats\`.

${STATS_START}
${STATS_END}
`;
}

/**
 * Writes statistics into a README file between its markers (one `SpecStats`: the per-API
 * section; an array: the root table). The file is written only when its text changed.
 * @returns whether it changed.
 * @throws InputError naming the file when it cannot be read or has no marker pair.
 */
export async function updateReadmeFile(file: string, stats: SpecStats | SpecStats[]): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the README ${file}: ${describeError(error)}`, { cause: error });
  }
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
