import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APIDOC_FIXTURES, fixturePath, loadFixtureTree, newestFixture } from './fixtures.js';

describe('apidoc fixtures', () => {
  it.each(APIDOC_FIXTURES.map((f) => [f.file, f] as const))(
    '%s is present and a non-empty array',
    (_, fixture) => {
      expect(existsSync(fixturePath(fixture.file))).toBe(true);
      const tree = loadFixtureTree(fixture.file);
      expect(tree.length).toBeGreaterThan(0);
      expect(tree[0]).toHaveProperty('path');
    },
  );

  it('names the 2026 schemas as the newest', () => {
    expect(newestFixture('pve').date).toBe('2026-08-16');
    expect(newestFixture('pbs').file).toBe('pbs-apidoc-2026-08-16.json.gz');
  });
});
