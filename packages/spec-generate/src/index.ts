export { generateSpec } from './generate-spec.js';
export { serializeSpec } from './serialize.js';
export type { GenerateOptions, OpenApiDocument, OpenApiVersion } from './types.js';
