export { parseApiSelection } from './api-selection.js';
export type {
  ApiMethod,
  ApiNode,
  ApiOperation,
  ApiPermissions,
  ApiSchema,
  ApiTree,
  HttpMethod,
  JsonValue,
} from './api-tree.js';
export { countApiTree, HTTP_METHODS, listOperations, walkApiTree } from './api-tree.js';
export type { ApidocFraming, ExtractedArray } from './apidoc/extract-array.js';
export { extractApidocArray } from './apidoc/extract-array.js';
export type { ParseApidocOptions } from './apidoc/parse-apidoc.js';
export { parseApidoc, parseApidocText } from './apidoc/parse-apidoc.js';
export type { ReadApidoc } from './apidoc/read-apidoc-file.js';
export { MAX_APIDOC_FILE_BYTES, readApidocFile } from './apidoc/read-apidoc-file.js';
export { writeFileAtomic } from './atomic-write.js';
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
export { contentKey, sha256 } from './hash.js';
export type { Logger, LogLevel } from './logger.js';
export { silentLogger, useColour } from './logger.js';
export type { JsonObject } from './openapi/read-document.js';
export { isJsonObject, requestBodyPropertyNames, resolveLocalRef } from './openapi/read-document.js';
export type { ReadInputOptions } from './read-input-file.js';
export { describeFileKind, readInputFile } from './read-input-file.js';
export type { TextSink } from './redact-url.js';
export { REDACTED_USERINFO, redactingIo, redactUrl } from './redact-url.js';
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
export type { OutputOptions } from './write-output-file.js';
export { checkOutputTarget, writeOutputFile } from './write-output-file.js';
