// The static parser lives in core so that every stage that reads an apidoc uses the same one
// (docs/design.md); this package re-exports it as part of its own API.
export type {
  ApidocFraming,
  ExtractedArray,
  ParseApidocOptions,
  ReadApidoc,
  SnapshotMeta,
} from '@proxmox-openapi/core';
export { extractApidocArray, parseApidoc, readApidocFile } from '@proxmox-openapi/core';
export type { FetchOptions, FetchResult } from './fetch-apidoc.js';
export { fetchApidoc } from './fetch-apidoc.js';
export { formatApidocJson, readSnapshot, writeSnapshot } from './snapshot.js';
