import { APIDOC_FIXTURES, loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import { describe, expect, it } from 'vitest';
import { computeStats } from './compute-stats.js';
import { fixtureDocument, META } from './test-support/stats-fixtures.js';

type RawNode = { path: string; info?: Record<string, unknown>; children?: RawNode[] };

/** Counts the raw apidoc array with none of the package's code: methods per node, per group. */
function independentCount(file: string): {
  byMethod: Record<string, number>;
  byGroup: Record<string, number>;
} {
  const byMethod: Record<string, number> = { GET: 0, POST: 0, PUT: 0, DELETE: 0 };
  const byGroup: Record<string, number> = {};
  const visit = (nodes: RawNode[]): void => {
    for (const node of nodes) {
      for (const method of Object.keys(node.info ?? {})) {
        byMethod[method] = (byMethod[method] ?? 0) + 1;
        const group = node.path.split('/')[1] || '/';
        byGroup[group] = (byGroup[group] ?? 0) + 1;
      }
      visit(node.children ?? []);
    }
  };
  visit(loadFixtureTree(file) as RawNode[]);
  return { byMethod, byGroup };
}

describe('computeStats', () => {
  it.each(APIDOC_FIXTURES.map((f) => [f.file, f] as const))('counts %s as the apidoc does', (_, fixture) => {
    const stats = computeStats(fixtureDocument(fixture.file), { ...META, api: fixture.api });
    const counted = independentCount(fixture.file);
    expect(stats.paths).toBe(fixture.paths);
    expect(stats.operations).toBe(fixture.operations);
    expect(stats.operationsByMethod).toEqual(counted.byMethod);
    expect(stats.operationsByGroup).toEqual(counted.byGroup);
    expect(Object.keys(stats.operationsByGroup)).toEqual(Object.keys(counted.byGroup).sort());
    expect(stats.api).toBe(fixture.api);
  });

  it('counts parameters once per operation (path-level, $refs, a body offered twice) and named schemas', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'Handmade', version: '1' },
      paths: {
        '/': { get: { responses: {} } },
        '/nodes/{node}': {
          parameters: [{ $ref: '#/components/parameters/node' }],
          get: { parameters: [{ name: 'full', in: 'query' }, { $ref: '#/components/parameters/node' }] },
          post: {
            requestBody: {
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/Body' } },
                'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/Body' } },
              },
            },
          },
          patch: {},
          summary: 'not an operation',
        },
        '/empty': { parameters: [] },
      },
      components: {
        parameters: { node: { name: 'node', in: 'path', required: true } },
        schemas: {
          Body: { allOf: [{ properties: { a: {}, b: {} } }, { properties: { b: {}, c: {} } }] },
          Other: {},
        },
      },
    };
    const stats = computeStats(document, META);
    expect(stats).toMatchObject({
      title: 'Handmade',
      openapi: '3.1.0',
      paths: 2,
      operations: 4,
      operationsByMethod: { GET: 2, POST: 1, PUT: 0, DELETE: 0, PATCH: 1 },
      operationsByGroup: { '/': 1, nodes: 3 },
      // GET /: 0; GET /nodes/{node}: node + full; POST: node + a, b, c; PATCH: node.
      parameters: 7,
      schemas: 2,
      jsonBytes: META.jsonBytes,
      sourceDate: META.sourceDate,
    });
  });
});
