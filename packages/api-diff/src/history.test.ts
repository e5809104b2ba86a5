import type { ApiTree } from '@proxmox-openapi/core';
import { HISTORY_FIXTURES, loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import { describe, expect, it } from 'vitest';
import { diffApis } from './diff-apis.js';
import type { ApiChange } from './types.js';

/*
 * The real PVE history, 7.0 to 9.1: the diff's operations and parameters added and removed are
 * checked against a walk of the raw JSON written here, which shares no code with the package.
 */

const trees = HISTORY_FIXTURES.map((f) => loadFixtureTree(f.file) as ApiTree);

/** `METHOD path` → the names of its top-level parameters, by plain recursion over the JSON. */
function independentWalk(nodes: unknown[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const visit = (node: Record<string, unknown>) => {
    const info = (node.info ?? {}) as Record<string, Record<string, unknown>>;
    for (const verb of Object.keys(info)) {
      const parameters = (info[verb]?.parameters ?? {}) as { properties?: Record<string, unknown> };
      out.set(`${verb} ${node.path as string}`, new Set(Object.keys(parameters.properties ?? {})));
    }
    for (const child of (node.children ?? []) as Record<string, unknown>[]) visit(child);
  };
  for (const node of nodes) visit(node as Record<string, unknown>);
  return out;
}

function operationKey(change: ApiChange): string {
  return `${change.operation.method} ${change.operation.path}`;
}

/** What the walk says was added and removed between two trees. */
function expectedChanges(old: unknown[], next: unknown[]) {
  const before = independentWalk(old);
  const after = independentWalk(next);
  const added = [...after.keys()].filter((k) => !before.has(k)).sort();
  const removed = [...before.keys()].filter((k) => !after.has(k)).sort();
  const paramsAdded: string[] = [];
  const paramsRemoved: string[] = [];
  for (const [key, names] of after) {
    const was = before.get(key);
    if (!was) continue;
    for (const name of names) if (!was.has(name)) paramsAdded.push(`${key} ${name}`);
    for (const name of was) if (!names.has(name)) paramsRemoved.push(`${key} ${name}`);
  }
  return { added, removed, paramsAdded: paramsAdded.sort(), paramsRemoved: paramsRemoved.sort() };
}

/** The top-level parameter a change is about (`parameter net[n]`), or undefined for nested ones and keys. */
function topLevelParameter(change: ApiChange, names: Set<string> | undefined): string | undefined {
  if (!change.location.startsWith('parameter ')) return undefined;
  const name = change.location.slice('parameter '.length);
  if (names?.has(name)) return name;
  // Nested members (`config.a`, `ids[]`) and keys are not top-level; any other name is, and
  // the comparison fails if the walk does not know it.
  return / key |\.|\[\]$/.test(name) ? undefined : name;
}

function reported(diff: ReturnType<typeof diffApis>, old: unknown[], next: unknown[]) {
  const before = independentWalk(old);
  const after = independentWalk(next);
  const pick = (rules: string[], side: Map<string, Set<string>>) =>
    diff.changes
      .filter((c) => rules.includes(c.rule))
      .flatMap((c) => {
        const name = topLevelParameter(c, side.get(operationKey(c)));
        return name === undefined ? [] : [`${operationKey(c)} ${name}`];
      })
      .sort();
  return {
    added: diff.changes
      .filter((c) => c.rule === 'operation-added')
      .map(operationKey)
      .sort(),
    removed: diff.changes
      .filter((c) => c.rule === 'operation-removed')
      .map(operationKey)
      .sort(),
    paramsAdded: pick(['request-parameter-added-optional', 'request-parameter-added-required'], after),
    paramsRemoved: pick(['request-parameter-removed'], before),
  };
}

/** The same fact seen from the other side: [rules one direction reports, the rule the other reports]. */
const MIRROR: [string[], string[]][] = [
  [['operation-added'], ['operation-removed']],
  [['request-parameter-added-optional', 'request-parameter-added-required'], ['request-parameter-removed']],
  [
    ['request-property-key-added-optional', 'request-property-key-added-required'],
    ['request-property-key-removed'],
  ],
  [['response-property-added'], ['response-property-removed', 'response-optional-property-removed']],
  [['request-parameter-enum-value-added'], ['request-parameter-enum-value-removed']],
  [['response-enum-value-added'], ['response-enum-value-removed']],
  [['request-parameter-became-required'], ['request-parameter-became-optional']],
  [['response-property-became-required'], ['response-property-became-optional']],
  [['access-token-allowed'], ['access-token-disallowed']],
];

/** `METHOD path | location | value` of the changes of some rules. */
function keyed(changes: readonly ApiChange[], rules: string[], value: 'old' | 'new') {
  return changes
    .filter((c) => rules.includes(c.rule))
    .map((c) => `${operationKey(c)} | ${c.location} | ${JSON.stringify(c[value])}`)
    .sort();
}

describe('the PVE history, pair by pair', () => {
  for (let i = 1; i < HISTORY_FIXTURES.length; i++) {
    const from = HISTORY_FIXTURES[i - 1];
    const to = HISTORY_FIXTURES[i];
    const old = trees[i - 1] as ApiTree;
    const next = trees[i] as ApiTree;

    it(`pve-docs ${from?.docsVersion} → ${to?.docsVersion}: operations and parameters added and removed match an independent walk`, () => {
      const diff = diffApis(old, next);
      const expected = expectedChanges(old, next);
      expect(reported(diff, old, next)).toEqual(expected);
      expect(diff.summary.operationsAdded).toBe(expected.added.length);
      expect(diff.summary.operationsRemoved).toBe(expected.removed.length);
      // The counts the fixtures document: the walk and the fixture agree on the size of each side.
      expect(independentWalk(next).size).toBe(to?.operations);
    });

    it(`pve-docs ${from?.docsVersion} ⇄ ${to?.docsVersion}: what one direction adds, the other removes`, () => {
      const forward = diffApis(old, next).changes;
      const backward = diffApis(next, old).changes;
      for (const [adds, removes] of MIRROR) {
        // A value added in one direction is the value removed in the other (`new` becomes `old`).
        expect(keyed(backward, removes, 'old')).toEqual(keyed(forward, adds, 'new'));
        expect(keyed(forward, removes, 'old')).toEqual(keyed(backward, adds, 'new'));
      }
    });
  }

  it('PBS 2025-06-10 → 2026-08-16: operations and parameters added and removed match the walk too', () => {
    const [old, next] = ['pbs-apidoc-2025-06-10.json.gz', 'pbs-apidoc-2026-08-16.json.gz'].map(
      (file) => loadFixtureTree(file) as ApiTree,
    ) as [ApiTree, ApiTree];
    const diff = diffApis(old, next);
    expect(reported(diff, old, next)).toEqual(expectedChanges(old, next));
    expect(diffApis(next, next).changes).toEqual([]);
  });

  it('diff(A, A) is empty for every version', () => {
    for (const tree of trees) expect(diffApis(tree, tree).changes).toEqual([]);
  });
});
