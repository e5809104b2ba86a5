import { type ApiNode, type ApiTree, getApiTarget } from '@proxmox-openapi/core';
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

/**
 * The paths that the tests breaking a document on purpose reach into: operations with a body,
 * an indexed family (`net[n]`), path parameters, a doubled-path candidate and the smallest
 * result (`/version`).
 */
const EXCERPT_PATHS = [
  '/version',
  '/nodes',
  '/nodes/{node}/qemu',
  '/nodes/{node}/qemu/{vmid}/status/start',
  '/cluster/replication',
];

/** The nodes of a real tree on the way to the given paths and at them, with all their methods. */
function cutTree(nodes: readonly ApiNode[], paths: readonly string[]): ApiNode[] {
  return nodes.flatMap((node) => {
    if (!paths.some((path) => path === node.path || path.startsWith(`${node.path}/`))) return [];
    const { children, ...rest } = node;
    return [{ ...rest, ...(children ? { children: cutTree(children, paths) } : {}) }];
  });
}

let excerpt: { tree: ApiTree; json: string; yaml: string } | undefined;

function pveExcerpt(): { tree: ApiTree; json: string; yaml: string } {
  if (!excerpt) {
    const tree = cutTree(fixtureTree(NEWEST_PVE), EXCERPT_PATHS);
    excerpt = { tree, ...serializeSpec(generateSpec(tree, { target: getApiTarget('pve') })) };
  }
  return excerpt;
}

/**
 * An excerpt of the newest PVE schema (the few paths above and the nodes on the way to them,
 * as they are in the schema), for tests about one check: each breaks one thing and expects
 * exactly the finding it causes. The checks look at one operation, schema or pointer at a time,
 * so the other 600 operations would only multiply the cost (Redocly's pass over the whole
 * document); that the whole documents pass clean is proven above on every fixture.
 */
export function pveExcerptTree(): ApiTree {
  return pveExcerpt().tree;
}

/** A fresh copy of the document spec-generate makes from the excerpt, free to be broken. */
export function pveExcerptDocument(): AnyDocument {
  return JSON.parse(pveExcerpt().json) as AnyDocument;
}

/** The YAML that spec-generate serializes for the excerpt. */
export function pveExcerptYaml(): string {
  return pveExcerpt().yaml;
}
