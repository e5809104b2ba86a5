import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** One real apidoc schema, with the counts its publisher documented (shared/fixtures/README.md). */
export interface ApidocFixture {
  /** The file name in `apidoc/`. */
  file: string;
  api: 'pve' | 'pbs';
  /** The day the schema was taken from the product's API viewer. */
  date: string;
  /** Nodes that carry at least one method. */
  paths: number;
  /** (path, method) pairs. */
  operations: number;
}

/**
 * The four schemas, newest first per product. The counts were taken independently of this
 * project's code, so tests can compare their own counts against them.
 */
export const APIDOC_FIXTURES: readonly ApidocFixture[] = Object.freeze([
  { file: 'pve-apidoc-2026-08-16.json.gz', api: 'pve', date: '2026-08-16', paths: 428, operations: 646 },
  { file: 'pbs-apidoc-2026-08-16.json.gz', api: 'pbs', date: '2026-08-16', paths: 246, operations: 367 },
  { file: 'pve-apidoc-2025-06-10.json.gz', api: 'pve', date: '2025-06-10', paths: 398, operations: 605 },
  { file: 'pbs-apidoc-2025-06-10.json.gz', api: 'pbs', date: '2025-06-10', paths: 233, operations: 348 },
]);

/** The newest fixture of each product, the one the committed snapshots were made from. */
export function newestFixture(api: 'pve' | 'pbs'): ApidocFixture {
  const found = APIDOC_FIXTURES.find((f) => f.api === api);
  if (!found) throw new Error(`no fixture for ${api}`);
  return found;
}

/** The absolute path of a fixture file (gzipped bare JSON array). */
export function fixturePath(file: string): string {
  return fileURLToPath(new URL(`../apidoc/${file}`, import.meta.url));
}

/** The bare JSON array text of a fixture, as the API viewer embeds it. */
export function loadFixtureText(file: string): string {
  return gunzipSync(readFileSync(fixturePath(file))).toString('utf8');
}

/** The parsed array of a fixture; callers cast it to their ApiTree type. */
export function loadFixtureTree(file: string): unknown[] {
  return JSON.parse(loadFixtureText(file)) as unknown[];
}
