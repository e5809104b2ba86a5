import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type ApiTree, getApiTarget } from '@proxmox-openapi/core';

/** The four real apidoc fixtures, with the product each belongs to. */
export const FIXTURES = [
  { file: 'pve-apidoc-2026-08-16.json.gz', api: 'pve' },
  { file: 'pbs-apidoc-2026-08-16.json.gz', api: 'pbs' },
  { file: 'pve-apidoc-2025-06-10.json.gz', api: 'pve' },
  { file: 'pbs-apidoc-2025-06-10.json.gz', api: 'pbs' },
] as const;

/** The URL of a fixture file in shared/fixtures/apidoc. */
export function fixtureUrl(file: string): URL {
  return new URL(`../../../../../shared/fixtures/apidoc/${file}`, import.meta.url);
}

/** A fixture parsed afresh (callers may not share a tree they could mutate). */
export function loadFixture(file: string): ApiTree {
  return JSON.parse(gunzipSync(readFileSync(fixtureUrl(file))).toString('utf8')) as ApiTree;
}

/** A fixture's tree and target. */
export function fixture(file: string, api: string) {
  return { tree: loadFixture(file), target: getApiTarget(api) };
}
