import type { Client, Container, Directory } from '@dagger.io/dagger';
import { NODE_IMAGE } from './image.js';
import { CACHE_MOUNTS, WORKSPACE_DIR, WORKSPACE_EXCLUDES, WORKSPACE_MANIFESTS } from './layout.js';

// Only types come from the SDK here: these builders run wherever a `Client` is handed in (the
// pipeline's engine, the Dagger module), and importing this file never loads the SDK itself.
// Every function only describes a container; nothing runs until a caller awaits a leaf.

/**
 * A Node container from the pinned image, with pnpm through corepack (the version pinned by
 * `packageManager`, checked against its hash) and the pnpm store and corepack downloads on
 * cache volumes.
 */
export function getNodeContainer(client: Client): Container {
  const { corepack, pnpmStore } = CACHE_MOUNTS;
  return client
    .container()
    .from(NODE_IMAGE)
    .withEnvVariable('CI', 'true')
    .withEnvVariable('TURBO_TELEMETRY_DISABLED', '1')
    .withEnvVariable('COREPACK_ENABLE_DOWNLOAD_PROMPT', '0')
    .withEnvVariable('COREPACK_HOME', corepack.path)
    .withMountedCache(corepack.path, client.cacheVolume(corepack.key))
    .withMountedCache(pnpmStore.path, client.cacheVolume(pnpmStore.key))
    .withExec(['corepack', 'enable'])
    .withWorkdir(WORKSPACE_DIR);
}

/** Adds only what the install needs (lockfile, workspace file, `.npmrc`, manifests, bins). */
export function withWorkspaceManifests(container: Container, source: Directory): Container {
  return container.withDirectory(WORKSPACE_DIR, source, { include: [...WORKSPACE_MANIFESTS] });
}

/** Installs exactly what the lockfile says, from the store on its cache volume. */
export function withFrozenInstall(container: Container): Container {
  return container.withExec([
    'pnpm',
    'install',
    '--frozen-lockfile',
    '--store-dir',
    CACHE_MOUNTS.pnpmStore.path,
  ]);
}

/** Adds the repository's sources over the installed workspace (without installs, outputs, caches). */
export function withWorkspaceSources(container: Container, source: Directory): Container {
  return container.withDirectory(WORKSPACE_DIR, source, { exclude: [...WORKSPACE_EXCLUDES] });
}

/**
 * The workspace ready to build: manifests, a frozen install, then the sources. Because the
 * install comes before the source copy, editing a source file re-runs nothing up to it.
 */
export function getWorkspaceContainer(client: Client, source: Directory): Container {
  return withWorkspaceSources(
    withFrozenInstall(withWorkspaceManifests(getNodeContainer(client), source)),
    source,
  );
}

/**
 * What a container builds: `cli`, the command line and the packages it loads (every stage runs
 * it), or `everything`, every package (lint typechecks the client against the types its build
 * generates from the specs, which no stage needs).
 */
export type WorkspaceBuildScope = 'cli' | 'everything';

/** The command line's package: `--filter=<it>...` builds it and what it depends on. */
export const CLI_PACKAGE = '@proxmox-openapi/pipeline';

/** Builds the packages of `scope` (`turbo run build`), so that the CLI's `dist/` exists. */
export function withWorkspaceBuild(container: Container, scope: WorkspaceBuildScope = 'cli'): Container {
  const only = scope === 'cli' ? [`--filter=${CLI_PACKAGE}...`] : [];
  return container.withExec(['pnpm', 'turbo', 'run', 'build', ...only, '--output-logs=errors-only']);
}

/** The workspace installed and built: what every stage runs in (`everything` for lint). */
export function getBuiltWorkspace(
  client: Client,
  source: Directory,
  scope: WorkspaceBuildScope = 'cli',
): Container {
  return withWorkspaceBuild(getWorkspaceContainer(client, source), scope);
}

/**
 * Mounts the apidoc download cache (responses with their ETag / Last-Modified, so that an
 * unchanged file costs one 304) at `path`; the command is told where it is by its caller.
 */
export function withApidocCache(
  container: Container,
  client: Client,
  path: string = CACHE_MOUNTS.apidoc.path,
): Container {
  return container.withMountedCache(path, client.cacheVolume(CACHE_MOUNTS.apidoc.key));
}

/** Mounts the pipeline's stage cache (content-addressed stage results) at its path. */
export function withStageCache(container: Container, client: Client): Container {
  const { stages } = CACHE_MOUNTS;
  return container.withMountedCache(stages.path, client.cacheVolume(stages.key));
}

/**
 * Marks the following steps as never reusable: the engine caches an exec by its inputs, which
 * is right for a build and wrong for a download that must see today's file. `stamp` is any
 * value that differs per run (the caller's clock), so that this file stays deterministic.
 */
export function withFreshDownloads(container: Container, stamp: string): Container {
  return container.withEnvVariable('PROXMOX_OPENAPI_RUN_STAMP', stamp);
}

/** The repository's sources as they are in a container after a command (no installs, no outputs). */
export function getWorkspaceSources(container: Container): Directory {
  return container.directory(WORKSPACE_DIR).filter({ exclude: [...WORKSPACE_EXCLUDES] });
}
