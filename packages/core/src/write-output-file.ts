import { constants, type Stats, writeSync } from 'node:fs';
import { open, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFileAtomic } from './atomic-write.js';
import { describeError, InputError, UsageError } from './errors.js';
import { describeFileKind } from './read-input-file.js';
import { unlessMissing } from './unless-missing.js';

/** What {@link writeOutputFile} calls the file in its messages (`the report`, `--out`). */
export interface OutputOptions {
  what?: string;
}

function statOrUndefined(path: string): Promise<Stats | undefined> {
  return unlessMissing(stat(path));
}

// /dev/stdout, /dev/fd/N and /proc/self/fd/N name an open file of this process (a terminal, a
// pipe, or the file a shell redirected to): replacing what they point at would replace the
// shell's file or the device node itself, so they are always written in place.
const IN_PLACE_PREFIXES = ['/dev/', '/proc/'];

/**
 * Checks an output target before any work is done, so that a run does not compute for
 * minutes and then fail on its last step: a folder (or a link to one) is refused.
 * @throws UsageError (exit code 2) with one line naming the target.
 */
export async function checkOutputTarget(path: string, options: OutputOptions = {}): Promise<void> {
  const what = options.what ?? 'the output';
  let stats: Stats | undefined;
  try {
    stats = await statOrUndefined(path);
  } catch (error) {
    throw new InputError(`cannot use ${path} as ${what}: ${describeError(error)}`, { cause: error });
  }
  if (stats?.isDirectory()) throw new UsageError(`${what} ${path} is a folder; name a file`);
}

/**
 * Writes an output the way its target needs: a new path or a regular file (through a link
 * too: the file it points at is replaced, the link stays) atomically, so a reader never sees
 * a part; anything else in place, as a shell's `>` would: a device (`/dev/stdout`, a
 * terminal; `/dev/full` fails), a named pipe that has a reader. Never replaces a device node
 * or a link with a regular file.
 * @throws UsageError for a folder; InputError (exit code 3) when the write fails or a named
 *   pipe has no reader (the write would block forever).
 */
export async function writeOutputFile(
  path: string,
  data: string | Uint8Array,
  options: OutputOptions = {},
): Promise<void> {
  const what = options.what ?? 'the output';
  await checkOutputTarget(path, options);
  const fd = await ownDescriptor(path);
  if (fd !== undefined) {
    // This process's stdout or stderr (a socket or pipe cannot be opened again by path).
    try {
      await writeToDescriptor(fd, typeof data === 'string' ? Buffer.from(data) : data);
    } catch (error) {
      throw new InputError(`cannot write ${what} to ${path}: ${describeError(error)}`, { cause: error });
    }
    return;
  }
  const stats = await statOrUndefined(path).catch(() => undefined);
  const special = IN_PLACE_PREFIXES.some((prefix) => resolve(path).startsWith(prefix));
  if (!special && (stats === undefined || stats.isFile())) {
    // Over the file a link points at, so that the link itself stays a link.
    await writeFileAtomic(stats === undefined ? path : await realpath(path), data);
    return;
  }
  const fail = (error: unknown): InputError =>
    new InputError(`cannot write ${what} to ${path}: ${describeError(error)}`, { cause: error });
  if (stats === undefined) throw fail(new Error('no such file'));
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    if (stats.isFIFO()) {
      // Without a reader, opening a pipe for writing blocks forever: open it without blocking
      // (ENXIO when nobody reads) and write through that same descriptor, since closing it
      // and opening again could leave the reader at end of file in between.
      const pipe = await open(path, constants.O_WRONLY | (constants.O_NONBLOCK ?? 0));
      try {
        await writeToDescriptor(pipe.fd, typeof data === 'string' ? Buffer.from(data) : data);
      } finally {
        await pipe.close();
      }
      return;
    }
    if (!stats.isCharacterDevice() && !stats.isFile()) {
      throw new Error(`it is ${describeFileKind(stats)}`);
    }
    // Appending: a file a shell redirected stdout to keeps what the process already wrote.
    handle = await open(path, constants.O_WRONLY | constants.O_APPEND);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'ENXIO' ? new Error('the named pipe has no reader') : error);
  }
  try {
    await handle.writeFile(data);
  } catch (error) {
    throw fail(error);
  } finally {
    await handle.close();
  }
}

const OWN_FD = /^\/(?:proc\/self|dev)\/fd\/(\d+)$/;
const NAMED_FD: Record<string, number> = { '/dev/stdout': 1, '/dev/stderr': 2 };

/**
 * The descriptor of this process that a path names, through links (`/dev/stdout`,
 * `/dev/fd/1`, `/proc/self/fd/2`, or a link to one of them); undefined for any other path.
 */
async function ownDescriptor(path: string): Promise<number | undefined> {
  let at = resolve(path);
  for (let hop = 0; hop < 8; hop++) {
    const named = NAMED_FD[at] ?? OWN_FD.exec(at)?.[1];
    if (named !== undefined) {
      const fd = Number(named);
      return fd === 1 || fd === 2 ? fd : undefined;
    }
    let target: string;
    try {
      target = await readlink(at);
    } catch {
      return undefined;
    }
    at = resolve(dirname(at), target);
  }
  return undefined;
}

/** Writes all of `bytes` to a descriptor, waiting while a non-blocking pipe is full. */
async function writeToDescriptor(fd: number, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      await sleep(5);
    }
  }
}
