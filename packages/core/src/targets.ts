import { UsageError } from './errors.js';
import { PRODUCT_ENTRIES } from './product-entries.js';
import { apiDocumentFileName, SPECS_LAYOUT } from './specs-layout.js';

/**
 * The API target registry: everything that differs between Proxmox products lives here, so
 * that adding a product (or a previous major version) is one entry plus a snapshot, and no
 * stage forks per API. The entries themselves, each fact with its source, are in
 * `product-entries.ts`.
 */

/** The identifier of a registered API target, used on the command line and in file names. */
export type ApiId = string;

/**
 * How a product writes the `pattern` of its string schemas: Perl regexes (the Perl products
 * PVE and PMG, matched as `m/^$pattern$/`) or Rust regexes written as JavaScript `/…/`
 * literals (the Rust products PBS and PDM, matched unanchored).
 */
export type PatternDialect = 'perl' | 'rust-literal';

/** How the API viewer's `apidoc.js` declares the schema array (the parser reads either). */
export type ApidocDeclaration = 'const' | 'var';

/** How a product authenticates API calls. */
export interface ApiAuth {
  /** The cookie that carries the login ticket. */
  readonly cookie: string;
  /**
   * Where `POST /access/ticket` hands out the ticket: in the JSON answer (`ticket`), or only as
   * an HttpOnly `Set-Cookie` (the answer then carries `ticket-info` without the signature).
   */
  readonly ticketDelivery: 'response-body' | 'http-only-cookie';
  /**
   * API tokens, or `null` when the product has none (then only the ticket authenticates).
   * The header is `Authorization: <prefix>=USER@REALM!TOKENID<separator>SECRET`.
   */
  readonly apiToken: { readonly prefix: string; readonly separator: '=' | ':' } | null;
}

/** The committed snapshot a target is published from until a live fetch replaces it. */
export interface SnapshotFacts {
  /** The day the schema was taken from the API viewer (`YYYY-MM-DD`). */
  readonly date: string;
  /** The product release the schema belongs to, as far as known (`PMG 6.3`). */
  readonly release: string;
  /**
   * Set when the snapshot is known to be far behind the product's current release: the loud
   * sentence that every document and README generated from it carries. A schema fetched later
   * than `date` is newer than this snapshot, so the warning no longer applies to it.
   */
  readonly outdated?: string;
}

/** One Proxmox product (or major version) whose API viewer publishes an `apidoc.js`. */
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
  readonly auth: ApiAuth;
  readonly patternDialect: PatternDialect;
  /** How the published `apidoc.js` declares its array: PVE/PMG `const apiSchema = [ … ]`, PBS/PDM `var apiSchema = [ … ];`. */
  readonly apidocDeclaration: ApidocDeclaration;
  readonly snapshot: SnapshotFacts;
  /**
   * The folder, relative to the repository root, that keeps the product's older schemas
   * (`<package>-<version>-<YYYY-MM-DD>.json.gz`) for its published changelog
   * (`specs/<id>/CHANGELOG.md`, `changelog.json`); absent: the product has no changelog.
   */
  readonly historyDir?: string;
  /** Product-specific facts that every reader of the documents should know (README, `info.description`). */
  readonly notes: readonly string[];
  /** File names of the generated documents and the snapshot, inside `specs/<id>/`. */
  readonly outputs: {
    readonly json: string;
    readonly yaml: string;
    readonly snapshot: typeof SPECS_LAYOUT.snapshot;
  };
}

/** What a registry entry states; the rest (base path, output names) follows from the id. */
export type ApiTargetEntry = Omit<ApiTarget, 'basePath' | 'outputs' | 'notes'> & {
  readonly notes?: readonly string[];
};

// Lowercase letters and digits: the id names a folder, two files and a command-line value.
const ID_SHAPE = /^[a-z][a-z0-9]*$/;
const RESERVED_IDS = new Set(['all', 'both']);

function complete(entry: ApiTargetEntry): ApiTarget {
  if (!ID_SHAPE.test(entry.id) || RESERVED_IDS.has(entry.id)) {
    throw new UsageError(
      `cannot register API "${entry.id}": an id is lowercase letters and digits, starting with a letter, and not "all" or "both"`,
    );
  }
  if (!Number.isInteger(entry.defaultPort) || entry.defaultPort < 1 || entry.defaultPort > 65535) {
    throw new UsageError(`cannot register API "${entry.id}": port ${entry.defaultPort} is not a TCP port`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.snapshot.date)) {
    throw new UsageError(
      `cannot register API "${entry.id}": snapshot date "${entry.snapshot.date}" is not YYYY-MM-DD`,
    );
  }
  if (
    entry.historyDir !== undefined &&
    (entry.historyDir === '' ||
      /^[\\/]|^[a-zA-Z]:/.test(entry.historyDir) ||
      entry.historyDir.split(/[\\/]/).includes('..'))
  ) {
    throw new UsageError(
      `cannot register API "${entry.id}": history folder "${entry.historyDir}" is not a path inside the repository`,
    );
  }
  return Object.freeze({
    ...entry,
    basePath: '/api2/json',
    notes: Object.freeze([...(entry.notes ?? [])]),
    outputs: Object.freeze({
      json: apiDocumentFileName(entry.id, 'json'),
      yaml: apiDocumentFileName(entry.id, 'yaml'),
      snapshot: SPECS_LAYOUT.snapshot,
    }),
  });
}

const registry: ApiTarget[] = PRODUCT_ENTRIES.map(complete);

/**
 * Every registered API target, in the order the pipeline reports them. A live view: a target
 * added with {@link registerApiTarget} appears here too.
 */
export const API_TARGETS: readonly ApiTarget[] = registry;

/** The targets that `--api both` names: the two products the project started with. */
export const DEFAULT_API_IDS: readonly ApiId[] = Object.freeze(['pve', 'pbs']);

/**
 * Adds a target to the registry of this process, after the built-in ones. This is how a test
 * (or a program that uses the stage packages) brings a product that has no entry in
 * `product-entries.ts` yet; a permanent product belongs there instead, so that every process
 * (the pipeline's worker threads, containers) knows it.
 * @throws UsageError when the id is taken or malformed, or a fact is out of range.
 */
export function registerApiTarget(entry: ApiTargetEntry): ApiTarget {
  if (registry.some((t) => t.id === entry.id)) {
    throw new UsageError(`cannot register API "${entry.id}": that id is already registered`);
  }
  const target = complete(entry);
  registry.push(target);
  return target;
}

/** Whether a string names a registered target. */
export function isApiId(value: string): value is ApiId {
  return registry.some((t) => t.id === value);
}

/**
 * Looks a target up by id.
 * @throws UsageError when the id is not registered; the message lists the known ids.
 */
export function getApiTarget(id: string): ApiTarget {
  const found = registry.find((t) => t.id === id);
  if (!found) {
    throw new UsageError(`unknown API "${id}": expected one of ${registry.map((t) => t.id).join(', ')}`);
  }
  return found;
}
