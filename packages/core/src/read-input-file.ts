import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { describeError, InputError } from './errors.js';

/** How {@link readInputFile} names and bounds a file. */
export interface ReadInputOptions {
  /** The largest the file may be, in bytes; anything larger is refused without reading it all. */
  maxBytes: number;
  /** What the file is, for messages (`the document`, `the snapshot`); empty names only the path. */
  what?: string;
  /** The stage the error belongs to. */
  stage?: string;
  /** Said after the limit in the message, e.g. why the limit is where it is. */
  limitNote?: string;
}

// O_NONBLOCK: opening a named pipe must not wait for a writer (fstat then refuses it);
// O_NOCTTY: a terminal given as an input must not become the controlling terminal.
// Both are 0 where the platform has no such flag (Windows), which only loses that guard.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** What a file that is not a regular file is, in words. */
export function describeFileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function mib(bytes: number): string {
  const value = bytes / 1024 / 1024;
  return Number.isInteger(value) ? `${value} MiB` : `${bytes} bytes`;
}

/**
 * Reads an input file the way every stage must: links are resolved, the target must be a
 * regular file (a folder, a device such as `/dev/zero`, a named pipe or a socket is refused
 * before a byte is read, and a named pipe is never waited on), and at most `maxBytes` are read
 * even when the file grows while it is read.
 *
 * @example
 * const bytes = await readInputFile('specs/pve/pve-api.json', { what: 'the document', maxBytes: 256 * 1024 * 1024 });
 * @throws InputError (exit code 3) with one line naming the path and what was wrong.
 */
export async function readInputFile(path: string, options: ReadInputOptions): Promise<Buffer> {
  const { maxBytes, stage } = options;
  const named = options.what ? `${options.what} ${path}` : path;
  const fail = (message: string, cause?: unknown): InputError =>
    new InputError(message, cause === undefined ? { stage } : { stage, cause });

  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw fail(`cannot read ${named}: ${describeError(error)}`, error);
  }
  const refuse = async (kind: Stats): Promise<InputError> =>
    fail(`${named}${await linkNote(path)} is ${describeFileKind(kind)}, not a regular file`);
  if (!stats.isFile()) throw await refuse(stats);
  const tooLarge = (size: number | string) =>
    fail(`${named} is ${size} bytes, larger than the ${mib(maxBytes)} limit${options.limitNote ?? ''}`);
  if (stats.size > maxBytes) throw tooLarge(stats.size);

  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    throw fail(`cannot read ${named}: ${describeError(error)}`, error);
  }
  try {
    // Again on the open file: the path may have been swapped for a pipe or a device since.
    const opened = await handle.stat();
    if (!opened.isFile()) throw await refuse(opened);
    if (opened.size > maxBytes) throw tooLarge(opened.size);
    // Read until the end, never past one byte more than allowed: a file that grew past the
    // limit since fstat is caught, and memory never holds more than the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    const chunkSize = Math.min(Math.max(opened.size, 64 * 1024), maxBytes + 1);
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkSize, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(`more than ${maxBytes}`);
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fail(`cannot read ${named}: ${describeError(error)}`, error);
  } finally {
    await handle.close();
  }
}

/** ` (a link to X)` when the path is a symbolic link, so that the message names what was refused. */
async function linkNote(path: string): Promise<string> {
  try {
    if (!(await lstat(path)).isSymbolicLink()) return '';
    return ` (a link to ${await realpath(path)})`;
  } catch {
    return '';
  }
}
