// What the tests of several packages share; private, never published (docs/design.md).
export type { Framing } from './apidoc-js.js';
export { frameApidoc, VIEWER_TAIL } from './apidoc-js.js';
export type { SeenRequest, TestServer } from './http-server.js';
export { memoryLogger, startServer } from './http-server.js';
export type {
  LeafAnswer,
  RecordedQuery,
  StandInEngine,
  StandInEngineOptions,
} from './stand-in-engine.js';
export { queryFields, startStandInEngine } from './stand-in-engine.js';
export { selfSignedTls } from './tls.js';
