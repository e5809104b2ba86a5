// Container builders for the Dagger engine and the Dagger module. Only the SDK's types are
// imported here, so loading this subpath does not load the SDK (about 1.5 s); the caller brings
// the connected `Client`.
export type { WorkspaceBuildScope } from './containers.js';
export {
  CLI_PACKAGE,
  getBuiltWorkspace,
  getNodeContainer,
  getWorkspaceContainer,
  getWorkspaceSources,
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
export { CACHE_MOUNTS, WORKSPACE_DIR, WORKSPACE_EXCLUDES, WORKSPACE_MANIFESTS } from './layout.js';
export type { RunInput, WorkspaceRun } from './workspace-run.js';
export { withWorkspaceRun } from './workspace-run.js';
