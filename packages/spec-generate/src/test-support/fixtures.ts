import { type ApiTree, getApiTarget } from '@proxmox-openapi/core';
import { APIDOC_FIXTURES, fixturePath, loadFixtureTree } from '@proxmox-openapi/test-fixtures';

/** The four real PVE and PBS apidoc fixtures, with the product each belongs to. */
export const FIXTURES = APIDOC_FIXTURES.map((f) => ({ file: f.file, api: f.api }));

/** The URL of a fixture file (the private test-fixtures package holds them). */
export function fixtureUrl(file: string): URL {
  return new URL(`file://${fixturePath(file)}`);
}

/** A fixture parsed afresh (callers may not share a tree they could mutate). */
export function loadFixture(file: string): ApiTree {
  return loadFixtureTree(file) as unknown as ApiTree;
}

/** A fixture's tree and target. */
export function fixture(file: string, api: string) {
  return { tree: loadFixture(file), target: getApiTarget(api) };
}
