import type { ApiTargetEntry } from './targets.js';

/**
 * The registry's entries: one per Proxmox product or major version. Every fact carries its
 * source beside it, read from the product's own code, schema or documentation (repository
 * paths are in the product's git repository on git.proxmox.com, mirrored at
 * github.com/proxmox). Nothing here is assumed from PVE.
 *
 * Shared sources, named below by their short names:
 * - [auth-api]: proxmox-rs `proxmox-auth-api/src/api/mod.rs`, used by PBS and PDM: the
 *   `Authorization` value is the token prefix, then `=` or a space, then `TOKENID:SECRET`,
 *   split at the first `:`; the ticket cookie is read as `__Host-<name>` first, then `<name>`.
 * - [perl-viewer]: pve-docs and pmg-docs build `apidoc.js` by concatenating the schema dump
 *   with the shared proxmox-widget-toolkit `APIViewer.js`, which reads `apiSchema`; the file
 *   starts `const apiSchema = [` (older releases wrote `var pveapi` / `var pmgapi`).
 * - [docgen]: the Rust products' `docgen apidata.js` prints `var apiSchema = …;`
 *   (proxmox-datacenter-manager `server/src/bin/docgen.rs`, proxmox-backup `docs/`).
 * - [perl-pattern]: pve-common `PVE::JSONSchema` checks a string with `m/^$pattern$/`: Perl
 *   regexes, anchored. [rust-pattern]: PBS's and PDM's schemas write every pattern as a Rust
 *   regex inside `/…/` (proxmox-schema's `ApiStringFormat::Pattern`), matched unanchored.
 */
export const PRODUCT_ENTRIES: readonly ApiTargetEntry[] = Object.freeze([
  {
    id: 'pve',
    name: 'Proxmox VE',
    apidocUrl: 'https://pve.proxmox.com/pve-docs/api-viewer/apidoc.js',
    // pve-manager `PVE/Service/pveproxy.pm` listens on 8006; the Proxmox VE API wiki page.
    defaultPort: 8006,
    auth: {
      // The "Proxmox VE API" wiki page (Authentication, API Tokens):
      // `Authorization: PVEAPIToken=USER@REALM!TOKENID=UUID`, ticket in the `PVEAuthCookie`
      // cookie, returned in the body of `POST /access/ticket`.
      cookie: 'PVEAuthCookie',
      ticketDelivery: 'response-body',
      apiToken: { prefix: 'PVEAPIToken', separator: '=' },
    },
    patternDialect: 'perl', // [perl-pattern]
    apidocDeclaration: 'const', // [perl-viewer]
    // The committed specs/pve snapshot: the 2026-08-16 fixture of packages/test-fixtures.
    snapshot: { date: '2026-08-16', release: 'Proxmox VE 9' },
    // pve-docs 7.0 to 9.1 (the packages/test-fixtures history), for specs/pve/CHANGELOG.md.
    historyDir: 'history/pve',
  },
  {
    id: 'pbs',
    name: 'Proxmox Backup Server',
    apidocUrl: 'https://pbs.proxmox.com/docs/api-viewer/apidoc.js',
    // The PBS admin guide: the web interface and API at https://<host>:8007.
    defaultPort: 8007,
    auth: {
      // proxmox-backup `src/auth.rs` (PbsAuthContext: token prefix `PBSAPIToken`, cookie
      // `PBSAuthCookie`) and [auth-api] for the `:` before the secret. PBS's schema offers both
      // ticket flows on `POST /access/ticket`; the body one is the default.
      cookie: 'PBSAuthCookie',
      ticketDelivery: 'response-body',
      apiToken: { prefix: 'PBSAPIToken', separator: ':' },
    },
    patternDialect: 'rust-literal', // [rust-pattern]
    apidocDeclaration: 'var', // [docgen]
    snapshot: { date: '2026-08-16', release: 'Proxmox Backup Server 4' },
  },
  {
    id: 'pmg',
    name: 'Proxmox Mail Gateway',
    apidocUrl: 'https://pmg.proxmox.com/pmg-docs/api-viewer/apidoc.js',
    // pmg-api `src/PMG/Service/pmgproxy.pm`: `create_reusable_socket(8006, …)`.
    defaultPort: 8006,
    auth: {
      // pmg-api `src/PMG/Service/pmgproxy.pm` sets `cookie_name => 'PMGAuthCookie'` and no API
      // token name; `src/PMG/HTTPServer.pm` `auth_handler` dies with "No ticket" without the
      // cookie and knows no token. The schema's `allowtoken: 1` on every method is the default
      // of the shared Perl RESTHandler, not a PMG feature.
      cookie: 'PMGAuthCookie',
      ticketDelivery: 'response-body',
      apiToken: null,
    },
    patternDialect: 'perl', // [perl-pattern]
    apidocDeclaration: 'const', // [perl-viewer]; pmg-docs `Makefile` (`api-viewer/apidoc.js`)
    // The newest PMG schema that could be had offline (packages/test-fixtures README).
    snapshot: {
      date: '2020-11-18',
      release: 'Proxmox Mail Gateway 6.3',
      outdated:
        'This document comes from the Proxmox Mail Gateway 6.3 schema of 2020-11-18, years older than the current release: operations added since are missing and others may have changed. The first pipeline run with internet access replaces it with the live schema.',
    },
    notes: [
      'PMG has no API tokens: every call authenticates with the `PMGAuthCookie` ticket, plus the `CSRFPreventionToken` header for writes. The schema marks every method `allowtoken: 1`; that is a default of the shared Perl API code, not a token feature.',
      'Quarantine users log in with the same cookie, whose ticket then starts with `PMGQUAR:`.',
    ],
  },
  {
    id: 'pdm',
    name: 'Proxmox Datacenter Manager',
    apidocUrl: 'https://pdm.proxmox.com/docs/api-viewer/apidoc.js',
    // proxmox-datacenter-manager `lib/pdm-buildcfg` `PDM_PORT = 8443`, the listen address of
    // `server/src/bin/proxmox-datacenter-api/main.rs`.
    defaultPort: 8443,
    auth: {
      // proxmox-datacenter-manager `server/src/auth/mod.rs` (token prefix `PDMAPIToken`,
      // cookie `PDMAuthCookie`) and [auth-api]: the `:` before the secret, and the cookie sent
      // as `__Host-PDMAuthCookie`. PDM's schema: `POST /access/ticket` "Get a new ticket as an
      // HttpOnly cookie".
      cookie: '__Host-PDMAuthCookie',
      ticketDelivery: 'http-only-cookie',
      apiToken: { prefix: 'PDMAPIToken', separator: ':' },
    },
    patternDialect: 'rust-literal', // [rust-pattern]
    apidocDeclaration: 'var', // [docgen]
    snapshot: { date: '2026-07-08', release: 'Proxmox Datacenter Manager 1.1.6' },
    notes: [
      "The `/pve/...` and `/pbs/...` subtrees proxy to the remote PVE and PBS servers that PDM manages (`/pve/remotes/{remote}/...`, `/pbs/remotes/{remote}/...`). They are modelled exactly as PDM's schema describes them, with PDM's parameters and result types, which can differ from the PVE and PBS documents' for the same call.",
      "Every operation carries PDM's `unstable` flag as `x-proxmox-unstable`; an operation marked unstable says so in its description.",
    ],
  },
  {
    id: 'pve8',
    name: 'Proxmox VE 8',
    // The API viewer of the previous major version (pve-docs-8 beside the current pve-docs).
    apidocUrl: 'https://pve.proxmox.com/pve-docs-8/api-viewer/apidoc.js',
    defaultPort: 8006,
    auth: {
      cookie: 'PVEAuthCookie',
      ticketDelivery: 'response-body',
      apiToken: { prefix: 'PVEAPIToken', separator: '=' },
    },
    patternDialect: 'perl',
    apidocDeclaration: 'const',
    // The newest 8.x schema of the history fixtures: pve-docs 8.3.2 of 2025-04-09 (PVE 8.4).
    snapshot: { date: '2025-04-09', release: 'pve-docs 8.3.2 (Proxmox VE 8.4)' },
    notes: [
      'The previous major version, Proxmox VE 8.x, for clients of clusters that still run it. The current release is in `specs/pve/`.',
    ],
  },
]);
