// Container builders for the Dagger engine and the Dagger module. Only the SDK's types are
// imported here, so loading this subpath does not load the SDK (about 1.5 s); the caller brings
// the connected `Client`.
export {
  getBuiltWorkspace,
  getNodeContainer,
  getWorkspaceContainer,
  withApidocCache,
  withFreshDownloads,
  withFrozenInstall,
  withStageCache,
  withWorkspaceBuild,
  withWorkspaceManifests,
  withWorkspaceSources,
} from './containers.js';
export { NODE_IMAGE, NODE_IMAGE_MAJOR } from './image.js';
export type { CacheMount } from './layout.js';
export {
  CACHE_MOUNTS,
  PIPELINE_BIN,
  WORKSPACE_DIR,
  WORKSPACE_EXCLUDES,
  WORKSPACE_MANIFESTS,
} from './layout.js';
export type { PipelineCommandOptions, PipelineRunOptions } from './stages.js';
export {
  generateApi,
  generateApis,
  getWorkspaceSources,
  OUTPUT_DIR,
  pipelineSpecs,
  SPECS_MOUNT,
  VALIDATION_REPORT,
  validationReport,
  withGenerate,
  withLint,
  withLintFix,
  withPipelineCommand,
  withPipelineRun,
  withValidate,
} from './stages.js';
export type {
  LeafAnswer,
  RecordedQuery,
  StandInEngine,
  StandInEngineOptions,
} from './stand-in-engine.js';
export { queryFields, startStandInEngine } from './stand-in-engine.js';
