import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { textPieces } from './text-pieces.js';

/**
 * Writes text or bytes to an open file; a text in pieces (`FileHandle.writeFile` would encode
 * all of it into one native buffer first, see textPieces).
 */
export async function writeAll(handle: FileHandle, data: string | Uint8Array): Promise<void> {
  if (typeof data !== 'string') {
    await handle.writeFile(data);
    return;
  }
  for (const piece of textPieces(data)) await handle.writeFile(piece);
}

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * part: the bytes go to a temporary file beside it, are flushed to disk, and are renamed over
 * the target (rename is atomic within one file system).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFileSynced(temp, data, { exclusive: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw namingPath(error, path);
  }
}

/**
 * Writes a file and flushes it to disk before returning, so that a crash after the call cannot
 * leave it empty or partial (what a journal, or a file about to be renamed into place, needs).
 * `exclusive`: refuse a file that already exists instead of replacing its content.
 */
export function writeFileSynced(
  path: string,
  data: string | Uint8Array,
  options: { exclusive?: boolean } = {},
): Promise<void> {
  return writeFileInPieces(path, data, { ...options, sync: true });
}

/**
 * Writes a file with `writeAll` (a text in pieces). `sync`: flush it to disk before returning;
 * `exclusive`: refuse a file that already exists instead of replacing its content.
 */
export async function writeFileInPieces(
  path: string,
  data: string | Uint8Array,
  options: { exclusive?: boolean; sync?: boolean } = {},
): Promise<void> {
  const handle = await open(path, options.exclusive ? 'wx' : 'w');
  try {
    await writeAll(handle, data);
    if (options.sync) await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Node's errors of a write on an open file (EFBIG, ENOSPC, EIO) carry no path: "EFBIG: file too
 * large, write". The one line a user sees must name the file, so the target is added.
 */
function namingPath(error: unknown, path: string): unknown {
  if (error instanceof Error && !error.message.includes(path) && !error.message.includes(basename(path))) {
    error.message = `${error.message} (writing ${path})`;
  }
  return error;
}
