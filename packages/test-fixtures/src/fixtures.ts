import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The products whose real schemas are stored here. */
export type FixtureProduct = 'pve' | 'pbs' | 'pmg' | 'pdm';

/** One real apidoc schema, with the counts its publisher documented (see this package's README). */
export interface ApidocFixture {
  /** The file name: `pve-docs-…` names live in `history/`, every other in `apidoc/`. */
  file: string;
  api: FixtureProduct;
  /** The day the schema was taken from the product's API viewer. */
  date: string;
  /** Nodes that carry at least one method. */
  paths: number;
  /** (path, method) pairs. */
  operations: number;
}

/** A PVE schema of the history: the API viewer that one `pve-docs` package version shipped. */
export interface HistoryFixture extends ApidocFixture {
  api: 'pve';
  /** The pve-docs package version (not a PVE release number: pve-docs 8.3.2 shipped with PVE 8.4). */
  docsVersion: string;
}

/**
 * The PVE and PBS schemas, newest first per product. The counts were taken independently of
 * this project's code, so tests can compare their own counts against them.
 */
export const APIDOC_FIXTURES: readonly ApidocFixture[] = Object.freeze([
  { file: 'pve-apidoc-2026-08-16.json.gz', api: 'pve', date: '2026-08-16', paths: 428, operations: 646 },
  { file: 'pbs-apidoc-2026-08-16.json.gz', api: 'pbs', date: '2026-08-16', paths: 246, operations: 367 },
  { file: 'pve-apidoc-2025-06-10.json.gz', api: 'pve', date: '2025-06-10', paths: 398, operations: 605 },
  { file: 'pbs-apidoc-2025-06-10.json.gz', api: 'pbs', date: '2025-06-10', paths: 233, operations: 348 },
]);

/**
 * The Mail Gateway and Datacenter Manager schemas. PMG's is old (6.3, 2020-11-18): the newest
 * that could be had offline.
 */
export const OTHER_PRODUCT_FIXTURES: readonly ApidocFixture[] = Object.freeze([
  { file: 'pdm-apidoc-2026-07-08.json.gz', api: 'pdm', date: '2026-07-08', paths: 253, operations: 327 },
  { file: 'pmg-apidoc-2020-11-18.json.gz', api: 'pmg', date: '2020-11-18', paths: 221, operations: 338 },
]);

/** Every current-product schema: PVE, PBS, PDM and PMG. */
export const PRODUCT_FIXTURES: readonly ApidocFixture[] = Object.freeze([
  ...APIDOC_FIXTURES,
  ...OTHER_PRODUCT_FIXTURES,
]);

function history(docsVersion: string, date: string, paths: number, operations: number): HistoryFixture {
  return {
    file: `pve-docs-${docsVersion}-${date}.json.gz`,
    api: 'pve',
    docsVersion,
    date,
    paths,
    operations,
  };
}

/** The PVE schemas over time, oldest first: the last pve-docs of each minor version, 7.0 to 9.1. */
export const HISTORY_FIXTURES: readonly HistoryFixture[] = Object.freeze([
  history('7.0-3', '2021-07-02', 340, 507),
  history('7.1-3', '2022-05-02', 348, 519),
  history('7.2-5', '2022-11-21', 356, 528),
  history('7.3-1', '2023-03-20', 364, 540),
  history('7.4-2', '2023-05-18', 364, 540),
  history('8.0.5', '2023-11-21', 386, 583),
  history('8.1.5', '2024-04-22', 387, 584),
  history('8.2.5', '2024-11-20', 396, 600),
  history('8.3.2', '2025-04-09', 398, 605),
  history('9.0.8', '2025-11-17', 428, 646),
  history('9.1.2', '2026-04-30', 431, 649),
]);

/** The newest fixture of each product, the one the committed snapshots were made from. */
export function newestFixture(api: FixtureProduct): ApidocFixture {
  const found = PRODUCT_FIXTURES.find((f) => f.api === api);
  if (!found) throw new Error(`no fixture for ${api}`);
  return found;
}

/** The absolute path of a fixture file (gzipped bare JSON array), given its `file`. */
export function fixturePath(file: string): string {
  const folder = file.startsWith('pve-docs-') ? 'history' : 'apidoc';
  return fileURLToPath(new URL(`../${folder}/${file}`, import.meta.url));
}

/** The bare JSON array text of a fixture, as the API viewer embeds it. */
export function loadFixtureText(file: string): string {
  return gunzipSync(readFileSync(fixturePath(file))).toString('utf8');
}

/** The parsed array of a fixture; callers cast it to their ApiTree type. */
export function loadFixtureTree(file: string): unknown[] {
  return JSON.parse(loadFixtureText(file)) as unknown[];
}
