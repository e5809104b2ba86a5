import { loadFixtureTree, PRODUCT_FIXTURES } from '@proxmox-openapi/test-fixtures';
import { describe, expect, it } from 'vitest';
import { type ApiNode, walkApiTree } from './api-tree.js';
import { APIDOC_METHODS, OPENAPI_METHODS, REPORTED_METHODS } from './http-methods.js';

describe('the HTTP method lists', () => {
  it.each(PRODUCT_FIXTURES.map((f) => [f.file, f] as const))(
    'name every method the real schema %s uses',
    (_, fixture) => {
      const used = new Set<string>();
      for (const node of walkApiTree(loadFixtureTree(fixture.file) as ApiNode[])) {
        for (const method of Object.keys(node.info ?? {})) used.add(method);
      }
      expect(used.size).toBeGreaterThan(0);
      for (const method of used) expect(APIDOC_METHODS).toContain(method);
    },
  );

  it('hold every apidoc method as an OpenAPI operation field', () => {
    for (const method of APIDOC_METHODS) expect(OPENAPI_METHODS).toContain(method.toLowerCase());
  });

  it('report the apidoc methods first, then the rest in the specification order, each once', () => {
    expect(REPORTED_METHODS).toEqual(['get', 'post', 'put', 'delete', 'options', 'head', 'patch', 'trace']);
    expect([...REPORTED_METHODS].sort()).toEqual([...OPENAPI_METHODS].sort());
  });
});
