import type { ApiTree } from '@proxmox-openapi/core';
import { APIDOC_FIXTURES, loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import { buildFixtureDocument } from './fixture-document.js';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into documents they built themselves.
export type AnyDocument = Record<string, any>;

const trees = new Map<string, ApiTree>();

/** A fixture's apidoc tree, parsed once per test file. */
export function fixtureTree(file: string): ApiTree {
  let tree = trees.get(file);
  if (!tree) {
    tree = loadFixtureTree(file) as ApiTree;
    trees.set(file, tree);
  }
  return tree;
}

/** A fresh document built from a fixture, free to be broken by a test. */
export function fixtureDocument(file: string): AnyDocument {
  return buildFixtureDocument(fixtureTree(file));
}

export const NEWEST_PVE = (APIDOC_FIXTURES.find((f) => f.api === 'pve') ?? APIDOC_FIXTURES[0])
  ?.file as string;
export const NEWEST_PBS = (APIDOC_FIXTURES.find((f) => f.api === 'pbs') ?? APIDOC_FIXTURES[0])
  ?.file as string;
