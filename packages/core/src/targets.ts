import { UsageError } from './errors.js';

/**
 * The API target registry: everything that differs between Proxmox products lives here,
 * so that adding a product is one entry and no stage forks per API.
 */

/** The identifier of a Proxmox product's API, used on the command line and in file names. */
export type ApiId = 'pve' | 'pbs' | 'pmg' | 'pdm';

/** One Proxmox product whose API viewer publishes an `apidoc.js`. */
export interface ApiTarget {
  readonly id: ApiId;
  /** Human-readable product name, used as the OpenAPI `info.title` prefix. */
  readonly name: string;
  /** Where the product's API viewer publishes its schema. */
  readonly apidocUrl: string;
  /** The port the product's API listens on by default. */
  readonly defaultPort: number;
  /** The prefix of every API path on the wire. */
  readonly basePath: '/api2/json';
  /** Name of the ticket cookie that a login returns. */
  readonly authCookie: string;
  /** The scheme word of the `Authorization` header for API tokens (`PVEAPIToken=user@realm!id=secret`). */
  readonly tokenPrefix: string;
  /** File names of the generated documents and the snapshot, inside `specs/<id>/`. */
  readonly outputs: {
    readonly json: string;
    readonly yaml: string;
    readonly snapshot: 'apidoc.json';
  };
}

function target(
  id: ApiId,
  name: string,
  apidocUrl: string,
  defaultPort: number,
  authPrefix: string,
): ApiTarget {
  return {
    id,
    name,
    apidocUrl,
    defaultPort,
    basePath: '/api2/json',
    authCookie: `${authPrefix}AuthCookie`,
    tokenPrefix: `${authPrefix}APIToken`,
    outputs: { json: `${id}-api.json`, yaml: `${id}-api.yaml`, snapshot: 'apidoc.json' },
  };
}

/** Every known API target, in the order the pipeline reports them. */
export const API_TARGETS: readonly ApiTarget[] = Object.freeze([
  target('pve', 'Proxmox VE', 'https://pve.proxmox.com/pve-docs/api-viewer/apidoc.js', 8006, 'PVE'),
  target('pbs', 'Proxmox Backup Server', 'https://pbs.proxmox.com/docs/api-viewer/apidoc.js', 8007, 'PBS'),
  target('pmg', 'Proxmox Mail Gateway', 'https://pmg.proxmox.com/pmg-docs/api-viewer/apidoc.js', 8006, 'PMG'),
  target(
    'pdm',
    'Proxmox Datacenter Manager',
    'https://pdm.proxmox.com/docs/api-viewer/apidoc.js',
    8443,
    'PDM',
  ),
]);

/** The targets that the pipeline builds when `--api both` (the default) is given. */
export const DEFAULT_API_IDS: readonly ApiId[] = Object.freeze(['pve', 'pbs']);

/** Whether a string names a registered target. */
export function isApiId(value: string): value is ApiId {
  return API_TARGETS.some((t) => t.id === value);
}

/**
 * Looks a target up by id.
 * @throws UsageError when the id is not registered; the message lists the known ids.
 */
export function getApiTarget(id: string): ApiTarget {
  const found = API_TARGETS.find((t) => t.id === id);
  if (!found) {
    throw new UsageError(`unknown API "${id}": expected one of ${API_TARGETS.map((t) => t.id).join(', ')}`);
  }
  return found;
}
