import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, readApidocFile } from '@proxmox-openapi/core';
import type { LabelledTree } from './changelog.js';

/** `pve-docs-8.3.2-2025-04-09.json.gz` → package `pve-docs`, version `8.3.2`, date `2025-04-09`. */
const HISTORY_NAME = /^(.+?)-(\d[^-]*(?:-\d+)?)-(\d{4}-\d{2}-\d{2})\.json(?:\.gz)?$/;

/** The label and date that a history file's name carries, or `undefined` for another name. */
export function historyFileLabel(name: string): { label: string; date: string } | undefined {
  const match = HISTORY_NAME.exec(name);
  if (!match) return undefined;
  return { label: `${match[1]} ${match[2]}`, date: match[3] as string };
}

/**
 * Reads a history folder: every `<package>-<version>-<YYYY-MM-DD>.json.gz` (or `.json`), oldest
 * first (by date, then label). A file whose name does not follow the pattern is an error rather
 * than skipped: a misnamed schema would silently vanish from the changelog.
 */
export async function readHistoryFolder(dir: string): Promise<LabelledTree[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new InputError(`cannot read the history folder ${dir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const versions: LabelledTree[] = [];
  for (const name of names.filter((n) => !n.startsWith('.')).sort()) {
    const label = historyFileLabel(name);
    if (!label) {
      throw new InputError(
        `${join(dir, name)}: a history file is named <package>-<version>-<YYYY-MM-DD>.json.gz (e.g. pve-docs-8.3.2-2025-04-09.json.gz)`,
      );
    }
    const { tree } = await readApidocFile(join(dir, name));
    versions.push({ ...label, tree });
  }
  return versions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.label < b.label ? -1 : 1));
}

/**
 * Reads a published snapshot (`specs/<api>/apidoc.json`) as the newest version of a changelog,
 * labelled `snapshot <date>` with the day it was fetched (`fetchedAt` of its metadata, which the
 * caller reads and passes: this stage does not read the fetch stage's files).
 * @throws InputError when the snapshot is not an apidoc or `fetchedAt` is not an ISO time.
 */
export async function readSnapshotVersion(snapshotPath: string, fetchedAt: string): Promise<LabelledTree> {
  const { tree } = await readApidocFile(snapshotPath);
  return { ...snapshotLabel(fetchedAt, snapshotPath), tree };
}

/**
 * The label and date that {@link readSnapshotVersion} gives a snapshot fetched at `fetchedAt`
 * (`snapshot 2026-08-16`): for a caller that has the snapshot's tree already. `source` names the
 * snapshot in the error.
 * @throws InputError when `fetchedAt` is not an ISO time.
 */
export function snapshotLabel(fetchedAt: string, source: string): { label: string; date: string } {
  if (!/^\d{4}-\d{2}-\d{2}/.test(fetchedAt)) {
    throw new InputError(`${source}: its fetch time ${JSON.stringify(fetchedAt)} is not an ISO date`);
  }
  const date = fetchedAt.slice(0, 10);
  return { label: `snapshot ${date}`, date };
}
