import { type ApiTree, getApiTarget } from '@proxmox-openapi/core';
import { generateSpec, serializeSpec } from '@proxmox-openapi/spec-generate';
import { APIDOC_FIXTURES, loadFixtureTree, newestFixture } from '@proxmox-openapi/test-fixtures';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into documents they built themselves.
export type AnyDocument = Record<string, any>;

const generated = new Map<string, { tree: ApiTree; json: string; yaml: string }>();

// Generated once per test file: a fixture's document costs about a second for PVE.
function generate(file: string): { tree: ApiTree; json: string; yaml: string } {
  let entry = generated.get(file);
  if (!entry) {
    const fixture = APIDOC_FIXTURES.find((f) => f.file === file);
    if (!fixture) throw new Error(`no fixture ${file}`);
    const tree = loadFixtureTree(file) as ApiTree;
    entry = { tree, ...serializeSpec(generateSpec(tree, { target: getApiTarget(fixture.api) })) };
    generated.set(file, entry);
  }
  return entry;
}

/** A fixture's apidoc tree. */
export function fixtureTree(file: string): ApiTree {
  return generate(file).tree;
}

/** A fresh copy of the document the generator makes from a fixture, free to be broken by a test. */
export function fixtureDocument(file: string): AnyDocument {
  return JSON.parse(generate(file).json) as AnyDocument;
}

/** The YAML the generator serializes for a fixture. */
export function fixtureYaml(file: string): string {
  return generate(file).yaml;
}

/** The newest PBS fixture: the smallest real document, for tests that need one. */
export const NEWEST_PBS = newestFixture('pbs').file;
