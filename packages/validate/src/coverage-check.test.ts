import type { ApiTree } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import { checkCoverage } from './coverage-check.js';

const envelope = {
  '200': {
    description: 'ok',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Envelope' } } },
  },
};

// A PBS-like tree: `{store}` is in the path but not among the parameters (PBS has 20 such paths).
const tree: ApiTree = [
  {
    path: '/admin',
    text: 'admin',
    leaf: 0,
    children: [
      {
        path: '/admin/datastore/{store}',
        text: '{store}',
        leaf: 1,
        info: {
          GET: { method: 'GET', parameters: { properties: { ns: { type: 'string', optional: 1 } } } },
          PUT: {
            method: 'PUT',
            parameters: {
              properties: { 'link[n]': { type: 'string', optional: 1 }, comment: { type: 'string' } },
            },
          },
        },
      },
    ],
  },
];

function document(overrides: { get?: object; put?: object } = {}): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    paths: {
      '/admin/datastore/{store}': {
        parameters: [{ $ref: '#/components/parameters/store' }],
        get: {
          operationId: 'getStore',
          parameters: [{ name: 'ns', in: 'query', schema: { type: 'string' } }],
          responses: envelope,
          ...overrides.get,
        },
        put: {
          operationId: 'putStore',
          requestBody: {
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  allOf: [
                    { type: 'object', properties: { link0: { type: 'string' }, link1: { type: 'string' } } },
                    { type: 'object', properties: { comment: { type: 'string' } }, required: ['comment'] },
                  ],
                },
              },
            },
          },
          responses: { '2XX': envelope['200'] },
          ...overrides.put,
        },
      },
    },
    components: {
      parameters: { store: { name: 'store', in: 'path', required: true, schema: { type: 'string' } } },
      schemas: { Envelope: { allOf: [{ type: 'object', properties: { data: {} } }] } },
    },
  };
}

describe('checkCoverage on a handmade tree', () => {
  it('follows $refs, path-level parameters, allOf bodies and 2XX ranges', () => {
    expect(checkCoverage(document(), tree)).toEqual([]);
  });

  it('names each missing piece in the tree’s own words', () => {
    const findings = checkCoverage(
      document({
        get: { parameters: [], responses: { '200': { description: 'ok' } } },
        put: { operationId: 'getStore', requestBody: undefined },
      }),
      tree,
    );
    expect(findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      'coverage-parameter-missing: GET /admin/datastore/{store}: parameter "ns" of the apidoc is not carried',
      'coverage-parameter-missing: PUT /admin/datastore/{store}: indexed parameter link[n] is not carried (expected link0, link1, …)',
      'coverage-parameter-missing: PUT /admin/datastore/{store}: parameter "comment" of the apidoc is not carried',
      'coverage-operation-id-duplicate: operationId "getStore" of PUT /admin/datastore/{store} is already used by GET /admin/datastore/{store}',
      'coverage-response-envelope: GET /admin/datastore/{store}: the 200 response is not the {"data": …} envelope that Proxmox answers with',
    ]);
  });

  it('wants required parameters required and optional ones optional, and each carried once', () => {
    const findings = checkCoverage(
      document({
        get: {
          parameters: [{ name: 'ns', in: 'query', required: true, schema: { type: 'string' } }],
          requestBody: {
            content: { 'application/json': { schema: { type: 'object', properties: { ns: {} } } } },
          },
        },
        put: {
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { link0: {}, comment: { type: 'string' } } },
              },
            },
          },
        },
      }),
      tree,
    );
    expect(findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      'coverage-parameter-twice: GET /admin/datastore/{store}: parameter "ns" is carried both as a query parameter and in the request body',
      'coverage-parameter-required: GET /admin/datastore/{store}: parameter "ns" is optional in the apidoc but required in the document',
      'coverage-parameter-required: PUT /admin/datastore/{store}: parameter "comment" is required by the apidoc but optional in the document',
    ]);
  });

  it('wants path parameters declared and required', () => {
    const doc = document();
    (doc.components as { parameters: { store: { required: boolean } } }).parameters.store.required = false;
    expect(checkCoverage(doc, tree).map((f) => f.message)).toEqual([
      'GET /admin/datastore/{store}: path parameter {store} is not marked required',
      'PUT /admin/datastore/{store}: path parameter {store} is not marked required',
    ]);
  });

  it('sends a parameter that moved into the path to the path check, not the parameter check', () => {
    const moved: ApiTree = [
      {
        path: '/nodes/{node}',
        text: '',
        leaf: 1,
        info: { GET: { method: 'GET', parameters: { properties: { node: { type: 'string' } } } } },
      },
    ];
    const doc = {
      paths: {
        '/nodes/{node}': {
          get: { parameters: [{ name: 'node', in: 'query' }], responses: envelope },
        },
      },
      components: { schemas: { Envelope: { type: 'object', properties: { data: {} } } } },
    };
    expect(checkCoverage(doc, moved).map((f) => f.rule)).toEqual(['coverage-path-parameter-undeclared']);
  });
});
