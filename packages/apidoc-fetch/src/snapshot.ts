import { join } from 'node:path';
import {
  type ApiTree,
  MAX_APIDOC_FILE_BYTES,
  parseApidocText,
  readInputFile,
  readSnapshotMeta,
  redactUrl,
  type SnapshotMeta,
  SPECS_LAYOUT,
  writeFileAtomic,
} from '@proxmox-openapi/core';

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
  await writeFileAtomic(join(dir, SPECS_LAYOUT.snapshot), formatApidocJson(tree));
  await writeFileAtomic(join(dir, SPECS_LAYOUT.snapshotMeta), `${JSON.stringify(ordered, null, 2)}\n`);
}

/**
 * Reads a snapshot written by {@link writeSnapshot}: the tree (checked like any apidoc), its
 * text, and the metadata when `apidoc.meta.json` exists.
 * @throws InputError when `apidoc.json` is missing or not an apidoc, or the metadata is malformed.
 */
export async function readSnapshot(
  dir: string,
): Promise<{ tree: ApiTree; text: string; meta?: SnapshotMeta }> {
  const file = join(dir, SPECS_LAYOUT.snapshot);
  // Through a link too, the snapshot must be a regular file of a bounded size: a committed
  // link to a device or a named pipe is refused instead of filling the memory or hanging.
  const bytes = await readInputFile(file, {
    what: 'the snapshot',
    maxBytes: MAX_APIDOC_FILE_BYTES,
    stage: 'parse',
  });
  const { tree, text } = parseApidocText(bytes, { source: file });
  const meta = await readSnapshotMeta(dir);
  return meta ? { tree, text, meta } : { tree, text };
}
