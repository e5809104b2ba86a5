export { parseApiSelection } from './api-selection.js';
export type {
  ApiMethod,
  ApiNode,
  ApiOperation,
  ApiPermissions,
  ApiSchema,
  ApiTree,
  JsonValue,
} from './api-tree.js';
export { countApiTree, listOperations, walkApiTree } from './api-tree.js';
export type { ApidocFraming, ExtractedArray } from './apidoc/extract-array.js';
export { extractApidocArray } from './apidoc/extract-array.js';
export type { StatedIndexRange } from './apidoc/indexed-name.js';
export { indexedBase, statedIndexRange } from './apidoc/indexed-name.js';
export type { ParseApidocOptions } from './apidoc/parse-apidoc.js';
export { parseApidoc, parseApidocText } from './apidoc/parse-apidoc.js';
export type { ReadApidoc } from './apidoc/read-apidoc-file.js';
export { MAX_APIDOC_FILE_BYTES, readApidocFile } from './apidoc/read-apidoc-file.js';
export { readApidocFlag, readApidocNumber } from './apidoc/values.js';
export { writeAll, writeFileAtomic, writeFileInPieces, writeFileSynced } from './atomic-write.js';
export type { ErrorCode, PipelineErrorOptions, TextPosition } from './errors.js';
export {
  describeError,
  EXIT_CODES,
  FindingsError,
  InputError,
  NetworkError,
  ParseError,
  PipelineError,
  positionAt,
  UsageError,
} from './errors.js';
export { contentKey, sha256, sha256File } from './hash.js';
export type { HttpMethod, OpenApiMethod } from './http-methods.js';
export { APIDOC_METHODS, OPENAPI_METHODS, REPORTED_METHODS } from './http-methods.js';
export type { JsonObject } from './json-object.js';
export { isJsonObject } from './json-object.js';
export type { Logger, LogLevel } from './logger.js';
export { silentLogger, useColour } from './logger.js';
export { markdownTable } from './markdown-table.js';
export type { Composition } from './openapi/read-document.js';
export {
  requestBodyPropertyNames,
  resolveLocalRef,
  visitRequestBodySchemas,
} from './openapi/read-document.js';
export type { ReadInputOptions } from './read-input-file.js';
export { describeFileKind, readInputFile } from './read-input-file.js';
export type { TextSink } from './redact-url.js';
export { REDACTED_USERINFO, redactingIo, redactUrl } from './redact-url.js';
export type { SnapshotMeta } from './snapshot-meta.js';
export { readSnapshotMeta, snapshotSourceDate } from './snapshot-meta.js';
export { apiDocumentFileName, SPECS_LAYOUT } from './specs-layout.js';
export { apiTokenHeaderExample, outdatedSnapshotWarning } from './target-facts.js';
export type {
  ApiAuth,
  ApidocDeclaration,
  ApiId,
  ApiTarget,
  ApiTargetEntry,
  PatternDialect,
  SnapshotFacts,
} from './targets.js';
export { API_TARGETS, DEFAULT_API_IDS, getApiTarget, isApiId, registerApiTarget } from './targets.js';
export { TEXT_PIECE_UNITS, textPieces } from './text-pieces.js';
export { unlessMissing } from './unless-missing.js';
export type { OutputOptions } from './write-output-file.js';
export { checkOutputTarget, writeOutputFile } from './write-output-file.js';
