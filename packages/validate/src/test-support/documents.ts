import { type ApiTree, getApiTarget } from '@proxmox-openapi/core';
import { generateSpec, serializeSpec } from '@proxmox-openapi/spec-generate';
import { APIDOC_FIXTURES, loadFixtureTree } from '@proxmox-openapi/test-fixtures';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into documents they built themselves.
export type AnyDocument = Record<string, any>;

const trees = new Map<string, ApiTree>();
const generated = new Map<string, { json: string; yaml: string }>();

/** A fixture's apidoc tree, parsed once per test file. */
export function fixtureTree(file: string): ApiTree {
  let tree = trees.get(file);
  if (!tree) {
    tree = loadFixtureTree(file) as ApiTree;
    trees.set(file, tree);
  }
  return tree;
}

function generate(file: string): { json: string; yaml: string } {
  let texts = generated.get(file);
  if (!texts) {
    const fixture = APIDOC_FIXTURES.find((f) => f.file === file);
    if (!fixture) throw new Error(`no fixture ${file}`);
    texts = serializeSpec(generateSpec(fixtureTree(file), { target: getApiTarget(fixture.api) }));
    generated.set(file, texts);
  }
  return texts;
}

/**
 * A fresh copy of the document that spec-generate makes from a fixture, free to be broken by a
 * test (a devDependency used by tests only: no stage imports another at runtime).
 */
export function fixtureDocument(file: string): AnyDocument {
  return JSON.parse(generate(file).json) as AnyDocument;
}

/** The YAML that spec-generate serializes for a fixture. */
export function fixtureYaml(file: string): string {
  return generate(file).yaml;
}

export const NEWEST_PVE = (APIDOC_FIXTURES.find((f) => f.api === 'pve') ?? APIDOC_FIXTURES[0])
  ?.file as string;
export const NEWEST_PBS = (APIDOC_FIXTURES.find((f) => f.api === 'pbs') ?? APIDOC_FIXTURES[0])
  ?.file as string;
