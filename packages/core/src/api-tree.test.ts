import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type ApiNode, countApiTree, listOperations, walkApiTree } from './api-tree.js';

const fixture = (name: string): ApiNode[] =>
  JSON.parse(
    gunzipSync(readFileSync(new URL(`../../../../shared/fixtures/apidoc/${name}`, import.meta.url))).toString(
      'utf8',
    ),
  );

describe('walking an apidoc tree', () => {
  // The numbers are those of shared/fixtures/README.md, counted independently of this code.
  it.each([
    ['pve-apidoc-2026-08-16.json.gz', 428, 646],
    ['pbs-apidoc-2026-08-16.json.gz', 246, 367],
    ['pve-apidoc-2025-06-10.json.gz', 398, 605],
    ['pbs-apidoc-2025-06-10.json.gz', 233, 348],
  ])('counts the paths and operations of %s', (name, paths, operations) => {
    const counts = countApiTree(fixture(name));
    expect(counts.paths).toBe(paths);
    expect(counts.operations).toBe(operations);
    expect([...listOperations(fixture(name))]).toHaveLength(operations);
  });

  it('survives a tree far deeper than the call stack', () => {
    const root: ApiNode = { path: '/', text: '', leaf: 0 };
    let node = root;
    for (let i = 0; i < 200_000; i++) {
      const child: ApiNode = { path: `/n${i}`, text: '', leaf: 0 };
      node.children = [child];
      node = child;
    }
    node.info = { GET: { method: 'GET' } };
    expect(countApiTree([root])).toEqual({ nodes: 200_001, paths: 1, operations: 1 });
  });

  it('visits in document order', () => {
    const tree: ApiNode[] = [
      { path: '/a', text: 'a', leaf: 0, children: [{ path: '/a/b', text: 'b', leaf: 1 }] },
      { path: '/c', text: 'c', leaf: 1 },
    ];
    expect([...walkApiTree(tree)].map((n) => n.path)).toEqual(['/a', '/a/b', '/c']);
  });
});
