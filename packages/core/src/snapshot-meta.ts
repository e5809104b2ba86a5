import { join } from 'node:path';
import { describeError, InputError } from './errors.js';
import { isJsonObject } from './json-object.js';
import { readInputFile } from './read-input-file.js';
import { SPECS_LAYOUT } from './specs-layout.js';

/**
 * Where a snapshot's source came from: `specs/<id>/apidoc.meta.json`, written by the fetch
 * stage beside the snapshot. Read here, once, by the app, which hands what a stage needs from
 * it (a date, a URL) to that stage as a value.
 */
export interface SnapshotMeta {
  url: string;
  /** sha256 of the source text (the apidoc.js as downloaded), not of apidoc.json. */
  sha256: string;
  /** ISO time of the download. */
  fetchedAt: string;
  etag?: string;
  lastModified?: string;
}

// The metadata is a few hundred bytes; a megabyte is far beyond any real one.
const MAX_META_BYTES = 1024 * 1024;

/**
 * Reads `dir/apidoc.meta.json` (a regular file of a bounded size) and checks its fields.
 * @returns undefined when the file does not exist.
 * @throws InputError naming the file when it is not JSON or not snapshot metadata.
 */
export async function readSnapshotMeta(dir: string): Promise<SnapshotMeta | undefined> {
  const file = join(dir, SPECS_LAYOUT.snapshotMeta);
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
  const isString = (key: string) => isJsonObject(value) && typeof value[key] === 'string';
  const isOptionalString = (key: string) =>
    isJsonObject(value) && (value[key] === undefined || isString(key));
  if (
    !isJsonObject(value) ||
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
    url: value.url as string,
    sha256: value.sha256 as string,
    fetchedAt: value.fetchedAt as string,
  };
  if (value.etag !== undefined) result.etag = value.etag as string;
  if (value.lastModified !== undefined) result.lastModified = value.lastModified as string;
  return result;
}

/**
 * The source's own date, as ISO 8601: its Last-Modified when the server sent one, else the
 * time it was fetched. Never the time of this run: an unchanged source keeps its date.
 */
export function snapshotSourceDate(meta: Pick<SnapshotMeta, 'fetchedAt' | 'lastModified'>): string {
  const modified = meta.lastModified ? Date.parse(meta.lastModified) : Number.NaN;
  return Number.isNaN(modified) ? meta.fetchedAt : new Date(modified).toISOString();
}
