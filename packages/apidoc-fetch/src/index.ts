export type { ApidocFraming, ExtractedArray } from './extract-array.js';
export { extractApidocArray } from './extract-array.js';
export { fetchCommand } from './fetch-command.js';
export type { ParseApidocOptions } from './parse-apidoc.js';
export { parseApidoc } from './parse-apidoc.js';
