import { APIDOC_FIXTURES, loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import { describe, expect, it } from 'vitest';
import { type ApiNode, countApiTree, listOperations, walkApiTree } from './api-tree.js';

describe('walking an apidoc tree', () => {
  // The expected numbers were counted independently of this code (shared/fixtures/README.md).
  it.each(APIDOC_FIXTURES.map((f) => [f.file, f] as const))(
    'counts the paths and operations of %s',
    (_, fixture) => {
      const tree = loadFixtureTree(fixture.file) as ApiNode[];
      const counts = countApiTree(tree);
      expect(counts.paths).toBe(fixture.paths);
      expect(counts.operations).toBe(fixture.operations);
      expect([...listOperations(tree)]).toHaveLength(fixture.operations);
    },
  );

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
