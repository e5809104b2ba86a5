import { join } from 'node:path';
import {
  type ApiTree,
  describeError,
  InputError,
  MAX_APIDOC_FILE_BYTES,
  parseApidocText,
  readInputFile,
  redactUrl,
  writeFileAtomic,
} from '@proxmox-openapi/core';

/** Where a snapshot's source came from; stored beside it as `apidoc.meta.json`. */
export interface SnapshotMeta {
  url: string;
  /** sha256 of the source text (the apidoc.js as downloaded), not of apidoc.json. */
  sha256: string;
  /** ISO time of the download. */
  fetchedAt: string;
  etag?: string;
  lastModified?: string;
}

/** The file names of a snapshot inside its folder (`specs/<api>/`). */
export const SNAPSHOT_FILE = 'apidoc.json';
export const SNAPSHOT_META_FILE = 'apidoc.meta.json';

/** The deterministic text of a tree as a snapshot: the bare array, two-space JSON, one final newline. */
export function formatApidocJson(tree: ApiTree): string {
  return `${JSON.stringify(tree, null, 2)}\n`;
}

/**
 * Writes a snapshot: `dir/apidoc.json` (the bare array, formatted deterministically, so an
 * unchanged schema gives identical bytes) and `dir/apidoc.meta.json`. Each file is replaced
 * atomically; the tree first, so metadata never describes a tree that is not there.
 */
export async function writeSnapshot(dir: string, tree: ApiTree, meta: SnapshotMeta): Promise<void> {
  // A fixed key order keeps the metadata file's bytes stable too.
  // Never a password: the URL may come from a `--source` with userinfo.
  const ordered: SnapshotMeta = { url: redactUrl(meta.url), sha256: meta.sha256, fetchedAt: meta.fetchedAt };
  if (meta.etag !== undefined) ordered.etag = meta.etag;
  if (meta.lastModified !== undefined) ordered.lastModified = meta.lastModified;
  await writeFileAtomic(join(dir, SNAPSHOT_FILE), formatApidocJson(tree));
  await writeFileAtomic(join(dir, SNAPSHOT_META_FILE), `${JSON.stringify(ordered, null, 2)}\n`);
}

/**
 * Reads a snapshot written by {@link writeSnapshot}: the tree (checked like any apidoc), its
 * text, and the metadata when `apidoc.meta.json` exists.
 * @throws InputError when `apidoc.json` is missing or not an apidoc, or the metadata is malformed.
 */
export async function readSnapshot(
  dir: string,
): Promise<{ tree: ApiTree; text: string; meta?: SnapshotMeta }> {
  const file = join(dir, SNAPSHOT_FILE);
  // Through a link too, the snapshot must be a regular file of a bounded size: a committed
  // link to a device or a named pipe is refused instead of filling the memory or hanging.
  const bytes = await readInputFile(file, {
    what: 'the snapshot',
    maxBytes: MAX_APIDOC_FILE_BYTES,
    stage: 'parse',
  });
  const { tree, text } = parseApidocText(bytes, { source: file });
  const meta = await readMeta(join(dir, SNAPSHOT_META_FILE));
  return meta ? { tree, text, meta } : { tree, text };
}

// The metadata is a few hundred bytes; a megabyte is far beyond any real one.
const MAX_META_BYTES = 1024 * 1024;

async function readMeta(file: string): Promise<SnapshotMeta | undefined> {
  let text: string;
  try {
    text = (await readInputFile(file, { maxBytes: MAX_META_BYTES, stage: 'parse' })).toString('utf8');
  } catch (error) {
    if (((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not valid JSON: ${describeError(error)}`, {
      stage: 'parse',
      cause: error,
    });
  }
  const meta = value as Record<string, unknown>;
  const isString = (key: string) => typeof meta[key] === 'string';
  const isOptionalString = (key: string) => meta[key] === undefined || isString(key);
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !isString('url') ||
    !isString('sha256') ||
    !isString('fetchedAt') ||
    !isOptionalString('etag') ||
    !isOptionalString('lastModified')
  ) {
    throw new InputError(`${file} is not snapshot metadata (url, sha256 and fetchedAt strings expected)`, {
      stage: 'parse',
    });
  }
  const result: SnapshotMeta = {
    url: meta.url as string,
    sha256: meta.sha256 as string,
    fetchedAt: meta.fetchedAt as string,
  };
  if (meta.etag !== undefined) result.etag = meta.etag as string;
  if (meta.lastModified !== undefined) result.lastModified = meta.lastModified as string;
  return result;
}
