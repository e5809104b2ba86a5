/**
 * Where things live inside the containers, and which files of the repository go in. One place,
 * so that every caller of the builders (the app's engine, the Dagger module) agrees.
 */

/** The repository inside every container. */
export const WORKSPACE_DIR = '/workspace';

/**
 * What never enters a container from the host: installs, build outputs and caches are made
 * inside (the host's may belong to another platform), and they would only slow the upload.
 * `dagger/sdk` is what `dagger develop` generates for the module.
 */
export const WORKSPACE_EXCLUDES: readonly string[] = Object.freeze([
  '**/node_modules',
  '**/.turbo',
  '**/dist',
  '**/.cache',
  '**/coverage',
  '.git',
  '.specs-staging-*',
  'dagger/sdk',
]);

/**
 * The files `pnpm install --frozen-lockfile` needs and nothing else: the lockfile, the
 * workspace file, `.npmrc`, every package manifest, and the committed `bin/` files that pnpm
 * links at install time. A source edit leaves these unchanged, so the install layer stays
 * cached. The package folders follow `pnpm-workspace.yaml` (`packages/*`, `apps/*`); a test
 * checks that they still do.
 */
export const WORKSPACE_MANIFESTS: readonly string[] = Object.freeze([
  'package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  '.npmrc',
  'packages/*/package.json',
  'apps/*/package.json',
  'packages/*/bin/**',
  'apps/*/bin/**',
]);

/** A cache volume: its key in the engine and where it is mounted. */
export interface CacheMount {
  readonly key: string;
  readonly path: string;
}

/**
 * The engine-side caches. Downloads are kept, `node_modules` never is: an install is a layer
 * keyed by the manifests, which is both faster and always consistent with the lockfile.
 */
export const CACHE_MOUNTS = Object.freeze({
  /** pnpm's content-addressed store: an install after a lockfile change fetches only what is new. */
  pnpmStore: Object.freeze({ key: 'proxmox-openapi-pnpm-store', path: '/cache/pnpm-store' }),
  /** corepack's download of the pinned pnpm release. */
  corepack: Object.freeze({ key: 'proxmox-openapi-corepack', path: '/cache/corepack' }),
  /** The apidoc download cache: responses with their ETag / Last-Modified for conditional requests. */
  apidoc: Object.freeze({ key: 'proxmox-openapi-apidoc-downloads', path: '/cache/apidoc' }),
  /** The pipeline's content-addressed stage cache. */
  stages: Object.freeze({ key: 'proxmox-openapi-stage-cache', path: '/cache/stages' }),
}) satisfies Record<string, CacheMount>;
