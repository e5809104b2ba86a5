import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fixturePath,
  HISTORY_FIXTURES,
  loadFixtureTree,
  newestFixture,
  PRODUCT_FIXTURES,
} from './fixtures.js';

interface Node {
  info?: Record<string, unknown>;
  children?: Node[];
}

/** Paths with methods and (path, method) pairs, counted by a walk of this test's own. */
function count(nodes: Node[]): { paths: number; operations: number } {
  let paths = 0;
  let operations = 0;
  const stack = [...nodes];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const methods = Object.keys(node.info ?? {}).length;
    if (methods > 0) paths++;
    operations += methods;
    stack.push(...(node.children ?? []));
  }
  return { paths, operations };
}

describe('apidoc fixtures', () => {
  it.each([...PRODUCT_FIXTURES, ...HISTORY_FIXTURES].map((f) => [f.file, f] as const))(
    '%s is present and has the documented counts',
    (_, fixture) => {
      expect(existsSync(fixturePath(fixture.file))).toBe(true);
      const tree = loadFixtureTree(fixture.file) as Node[];
      expect(count(tree)).toEqual({ paths: fixture.paths, operations: fixture.operations });
    },
  );

  it('names the newest schema of each product', () => {
    expect(newestFixture('pve').date).toBe('2026-08-16');
    expect(newestFixture('pbs').file).toBe('pbs-apidoc-2026-08-16.json.gz');
    expect(newestFixture('pdm').date).toBe('2026-07-08');
    expect(newestFixture('pmg').date).toBe('2020-11-18');
  });

  it('keeps the history oldest first', () => {
    const dates = HISTORY_FIXTURES.map((f) => f.date);
    expect(dates).toEqual([...dates].sort());
  });
});
