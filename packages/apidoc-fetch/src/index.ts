export type { ApidocFraming, ExtractedArray } from './extract-array.js';
export { extractApidocArray } from './extract-array.js';
export type { FetchOptions, FetchResult } from './fetch-apidoc.js';
export { fetchApidoc } from './fetch-apidoc.js';
export { fetchCommand } from './fetch-command.js';
export type { ParseApidocOptions } from './parse-apidoc.js';
export { parseApidoc } from './parse-apidoc.js';
export type { ReadApidoc } from './read-apidoc-file.js';
export { readApidocFile } from './read-apidoc-file.js';
export type { SnapshotMeta } from './snapshot.js';
export {
  formatApidocJson,
  readSnapshot,
  SNAPSHOT_FILE,
  SNAPSHOT_META_FILE,
  writeSnapshot,
} from './snapshot.js';
