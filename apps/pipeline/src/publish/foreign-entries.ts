import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFileKind, InputError, unlessMissing } from '@proxmox-openapi/core';

/**
 * The first entry below `dir` that is neither a regular file nor a folder (a symbolic link, a
 * named pipe, a device, a socket), depth first in name order, as a path relative to `dir` and
 * what it is. Nothing is followed: a link is reported as a link, never entered.
 */
export async function findForeignEntry(
  dir: string,
  prefix = '',
  skip: ReadonlySet<string> = new Set(),
): Promise<{ path: string; kind: string } | undefined> {
  const entries = (await unlessMissing(readdir(dir)))?.sort();
  if (!entries) return undefined;
  for (const name of entries) {
    if (!prefix && skip.has(name)) continue;
    const path = join(dir, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    const stats = await lstat(path);
    if (stats.isDirectory()) {
      const found = await findForeignEntry(path, relative);
      if (found) return found;
    } else if (!stats.isFile()) {
      const target = stats.isSymbolicLink() ? await readlink(path).catch(() => '?') : undefined;
      return { path: relative, kind: `${describeFileKind(stats)}${target ? ` to ${target}` : ''}` };
    }
  }
  return undefined;
}

/**
 * Refuses a `specs/` folder that holds anything the publish step did not make: it carries
 * files over by hard-linking or copying them, and a link followed there would ship whatever
 * it points at (an outside folder, `.` again). Checked before anything is linked or copied.
 * `skip`: top-level folders left out (the APIs a run builds, checked once their snapshot was
 * read, so that a linked snapshot is named by its own reader).
 * @throws InputError (exit code 3) naming the entry.
 */
export async function refuseForeignEntries(
  specsDir: string,
  specsLabel: string,
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  const found = await findForeignEntry(specsDir, '', skip);
  if (!found) return;
  throw new InputError(
    `${specsLabel}/${found.path} is ${found.kind}: the publish step copies only regular files and folders and never follows a link; remove it`,
    { stage: 'publish' },
  );
}
