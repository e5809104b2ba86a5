/**
 * The Proxmox products this package has a subpath for, and how each one authenticates.
 *
 * The authentication facts are a small table of our own (core's target registry carries them too,
 * but this package is published alone and depends on nothing of the workspace). Their sources:
 * PVE's `PVE::APIServer::AnyEvent`/`PVE::AccessControl` (`PVEAPIToken=USER@REALM!ID=SECRET`,
 * cookie `PVEAuthCookie`), PBS and PDM's `proxmox-auth-api` crate (`PBSAPIToken=…:SECRET`,
 * `PDMAPIToken=…:SECRET`, cookies `PBSAuthCookie` and `__Host-PDMAuthCookie`, which PDM's login
 * sets as an HttpOnly cookie instead of answering the ticket; core's registry names the same), PMG's `PMG::HTTPServer`
 * (cookie `PMGAuthCookie`; PMG has no API tokens: its schema has no `/access/users/{userid}/token`).
 * A test checks the table against each built document's `components.securitySchemes`.
 */

/** The identifier of a product: its subpath (`@proxmox-openapi/client/pve`) and `specs/<id>/`. */
export type ProductId = 'pve' | 'pbs' | 'pmg' | 'pdm';

/** One product's authentication facts. */
export interface Product {
  readonly id: ProductId;
  readonly name: string;
  /** The word before `=` in `Authorization: <word>=USER@REALM!ID<separator>SECRET`; null: no API tokens. */
  readonly tokenPrefix: string | null;
  /** What separates the token id from the secret. */
  readonly tokenSeparator: '=' | ':';
  /** The cookie that carries the ticket after a login. */
  readonly authCookie: string;
}

/** Every product this package knows, in a fixed order. */
export const PRODUCTS: readonly Product[] = Object.freeze([
  {
    id: 'pve',
    name: 'Proxmox VE',
    tokenPrefix: 'PVEAPIToken',
    tokenSeparator: '=',
    authCookie: 'PVEAuthCookie',
  },
  {
    id: 'pbs',
    name: 'Proxmox Backup Server',
    tokenPrefix: 'PBSAPIToken',
    tokenSeparator: ':',
    authCookie: 'PBSAuthCookie',
  },
  {
    id: 'pmg',
    name: 'Proxmox Mail Gateway',
    tokenPrefix: null,
    tokenSeparator: '=',
    authCookie: 'PMGAuthCookie',
  },
  {
    id: 'pdm',
    name: 'Proxmox Datacenter Manager',
    tokenPrefix: 'PDMAPIToken',
    tokenSeparator: ':',
    authCookie: '__Host-PDMAuthCookie',
  },
] as const satisfies readonly Product[]);

/**
 * Looks a product up by id.
 * @throws TypeError for an unknown id, naming the known ones.
 */
export function getProduct(id: string): Product {
  const found = PRODUCTS.find((p) => p.id === id);
  if (!found)
    throw new TypeError(
      `unknown Proxmox product "${id}": expected one of ${PRODUCTS.map((p) => p.id).join(', ')}`,
    );
  return found;
}
