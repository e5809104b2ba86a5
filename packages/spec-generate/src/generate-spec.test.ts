import { getApiTarget } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import { generateSpec } from './generate-spec.js';
import { method, node, tree } from './test-support/tree.js';

const pve = getApiTarget('pve');
const pbs = getApiTarget('pbs');

type Operation = {
  operationId: string;
  summary: string;
  tags: string[];
  parameters?: {
    name: string;
    in: string;
    required: boolean;
    schema: Record<string, unknown>;
    style?: string;
    explode?: boolean;
  }[];
  requestBody?: {
    required: boolean;
    content: Record<string, { schema: { $ref: string }; encoding?: unknown }>;
  };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  security: Record<string, string[]>[];
  [key: string]: unknown;
};

function operation(doc: ReturnType<typeof generateSpec>, path: string, verb: string): Operation {
  const found = doc.paths[path]?.[verb] as Operation | undefined;
  if (!found) throw new Error(`no ${verb} ${path}`);
  return found;
}

function bodySchema(doc: ReturnType<typeof generateSpec>, op: Operation): Record<string, unknown> {
  const ref = op.requestBody?.content['application/json']?.schema.$ref ?? '';
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Record<string, unknown>>;
  return schemas[ref.split('/').pop() ?? ''] ?? {};
}

describe('paths', () => {
  it('puts each operation at exactly the tree path, never parent + child', () => {
    const doc = generateSpec(
      tree(
        node('/cluster', { GET: method('GET') }, [
          node('/cluster/replication', { GET: method('GET') }, [
            node('/cluster/replication/{id}', { GET: method('GET', { id: { type: 'string' } }) }),
          ]),
        ]),
      ),
      { target: pve },
    );
    expect(Object.keys(doc.paths)).toEqual(['/cluster', '/cluster/replication', '/cluster/replication/{id}']);
  });

  it('declares every path parameter, with the apidoc schema or a string schema', () => {
    const doc = generateSpec(
      tree(
        node('/admin/datastore/{store}/snapshots/{backup-id}', {
          GET: method('GET', {
            store: { type: 'string', pattern: '/^[a-z]+$/', maxLength: 32, description: 'Datastore name.' },
          }),
        }),
      ),
      { target: pbs },
    );
    const params = operation(doc, '/admin/datastore/{store}/snapshots/{backup-id}', 'get').parameters ?? [];
    expect(params).toEqual([
      {
        name: 'store',
        in: 'path',
        description: 'Datastore name.',
        required: true,
        schema: { type: 'string', pattern: '^[a-z]+$', maxLength: 32 },
      },
      { name: 'backup-id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });
});

describe('parameters', () => {
  const doc = generateSpec(
    tree(
      node('/nodes/{node}/things', {
        GET: method('GET', {
          node: { type: 'string', format: 'pve-node' },
          limit: { type: 'integer', optional: 1, minimum: '0' },
          full: { type: 'boolean', optional: 1 },
          ids: { type: 'array', optional: 1, items: { type: 'string' } },
          kind: { type: 'string' },
        }),
        POST: method('POST', {
          node: { type: 'string', format: 'pve-node' },
          name: { type: 'string' },
          tags: { type: 'array', optional: 1, items: { type: 'string' } },
        }),
        PUT: method('PUT', { node: { type: 'string' }, comment: { type: 'string', optional: 1 } }),
        DELETE: method('DELETE', { node: { type: 'string' }, force: { type: 'boolean', optional: 1 } }),
      }),
      node('/nodes/{node}/empty', { POST: method('POST', { node: { type: 'string' } }) }),
    ),
    { target: pve },
  );

  it('carries GET and DELETE parameters in the query, with optional deciding required', () => {
    const get = operation(doc, '/nodes/{node}/things', 'get');
    expect(get.parameters?.map((p) => [p.name, p.in, p.required])).toEqual([
      ['node', 'path', true],
      ['limit', 'query', false],
      ['full', 'query', false],
      ['ids', 'query', false],
      ['kind', 'query', true],
    ]);
    expect(get.parameters?.find((p) => p.name === 'ids')).toMatchObject({ style: 'form', explode: true });
    expect(get.parameters?.find((p) => p.name === 'limit')?.schema).toEqual({ type: 'integer', minimum: 0 });
    expect(get.requestBody).toBeUndefined();
    expect(operation(doc, '/nodes/{node}/things', 'delete').parameters?.map((p) => p.name)).toEqual([
      'node',
      'force',
    ]);
  });

  it('carries POST and PUT parameters in a JSON and form body, never also in the query', () => {
    const post = operation(doc, '/nodes/{node}/things', 'post');
    expect(post.parameters?.map((p) => p.name)).toEqual(['node']);
    expect(Object.keys(post.requestBody?.content ?? {})).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
    ]);
    expect(post.requestBody?.required).toBe(true);
    expect(post.requestBody?.content['application/x-www-form-urlencoded']?.encoding).toEqual({
      tags: { style: 'form', explode: true },
    });
    expect(bodySchema(doc, post)).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
    });
    expect(Object.keys(bodySchema(doc, post).properties as object)).not.toContain('node');
  });

  it('makes the body optional when no body parameter is required, and omits an empty one', () => {
    expect(operation(doc, '/nodes/{node}/things', 'put').requestBody?.required).toBe(false);
    expect(operation(doc, '/nodes/{node}/empty', 'post').requestBody).toBeUndefined();
  });
});

describe('indexed parameters', () => {
  it('expands net[n] to net0 … net31 (a component schema each points to), never a literal [n]', () => {
    const doc = generateSpec(
      tree(
        node('/nodes/{node}/qemu', {
          POST: method('POST', {
            node: { type: 'string' },
            'net[n]': { type: 'string', optional: 1, description: 'Specify network devices.' },
            'serial[n]': { type: 'string', optional: 1, description: 'Serial device (n is 0 to 3)' },
          }),
        }),
      ),
      { target: pve },
    );
    const body = bodySchema(doc, operation(doc, '/nodes/{node}/qemu', 'post'));
    const names = Object.keys(body.properties as object);
    expect(names).toHaveLength(32 + 4);
    expect(names).toContain('net0');
    expect(names).toContain('net31');
    expect(names).toContain('serial3');
    expect(names).not.toContain('serial4');
    const keys: string[] = [];
    JSON.stringify(doc, (key, value) => {
      keys.push(key);
      return value;
    });
    expect(keys.filter((key) => key.includes('[n]'))).toEqual([]);
    const net = (body.properties as Record<string, { $ref: string }>).net7?.$ref ?? '';
    expect(doc.components?.schemas?.[net.split('/').pop() ?? '']).toMatchObject({
      type: 'string',
      'x-proxmox-indexed': { name: 'net[n]', min: 0, max: 31, source: 'table' },
    });
  });
});

describe('responses', () => {
  it('wraps results in the {data} envelope, null included', () => {
    const doc = generateSpec(
      tree(
        node('/version', {
          GET: method(
            'GET',
            {},
            { returns: { type: 'object', properties: { version: { type: 'string' } } } },
          ),
        }),
        node('/nothing', { POST: method('POST', {}, { returns: { type: 'null' } }) }),
      ),
      { target: pve, openapi: '3.1' },
    );
    expect(operation(doc, '/version', 'get').responses['200']?.content?.['application/json']?.schema).toEqual(
      {
        type: 'object',
        required: ['data'],
        properties: {
          data: { type: 'object', properties: { version: { type: 'string' } }, required: ['version'] },
        },
      },
    );
    expect(
      operation(doc, '/nothing', 'post').responses['200']?.content?.['application/json']?.schema,
    ).toMatchObject({
      properties: { data: { type: 'null' } },
    });
    expect(Object.keys(operation(doc, '/nothing', 'post').responses)).toEqual(['200', '400', '401', '403']);
  });
});

describe('security', () => {
  const doc = generateSpec(
    tree(
      node('/access/ticket', {
        GET: method('GET', {}, { permissions: { user: 'world' } }),
        POST: method(
          'POST',
          { username: { type: 'string' } },
          { permissions: { user: 'world' }, protected: 1 },
        ),
      }),
      node('/nodes/{node}/status', {
        GET: method('GET', { node: { type: 'string' } }, { permissions: { user: 'all' }, protected: 1 }),
        POST: method('POST', { node: { type: 'string' } }, { allowtoken: 1 }),
      }),
      node('/access/password', { PUT: method('PUT', {}, { allowtoken: 0, protected: 1 }) }),
    ),
    { target: pve },
  );

  it('defines token, ticket cookie and CSRF header schemes from the target', () => {
    expect(doc.components?.securitySchemes).toMatchObject({
      ApiToken: { type: 'apiKey', in: 'header', name: 'Authorization' },
      Ticket: { type: 'apiKey', in: 'cookie', name: 'PVEAuthCookie' },
      CsrfToken: { type: 'apiKey', in: 'header', name: 'CSRFPreventionToken' },
    });
    const schemes = (doc.components?.securitySchemes ?? {}) as Record<string, { description: string }>;
    expect(schemes.ApiToken?.description).toContain('PVEAPIToken=');
  });

  it('needs no auth for world operations, even protected ones (protected is not about auth)', () => {
    expect(operation(doc, '/access/ticket', 'post').security).toEqual([]);
    expect(operation(doc, '/access/ticket', 'get').security).toEqual([]);
    expect(operation(doc, '/access/ticket', 'post')['x-proxmox-protected']).toBe(true);
  });

  it('asks for the CSRF token only with the cookie on writes', () => {
    expect(operation(doc, '/nodes/{node}/status', 'get').security).toEqual([
      { ApiToken: [] },
      { Ticket: [] },
    ]);
    expect(operation(doc, '/nodes/{node}/status', 'post').security).toEqual([
      { ApiToken: [] },
      { Ticket: [], CsrfToken: [] },
    ]);
  });

  it('refuses tokens for allowtoken: 0', () => {
    expect(operation(doc, '/access/password', 'put').security).toEqual([{ Ticket: [], CsrfToken: [] }]);
    expect(operation(doc, '/access/password', 'put')['x-proxmox-allowtoken']).toBe(false);
  });
});

describe('document', () => {
  const doc = generateSpec(
    tree(
      node('/nodes/{node}/qemu/{vmid}/status/current', {
        GET: {
          method: 'GET',
          parameters: { properties: {} },
          returns: {},
          permissions: { check: ['perm', '/vms/{vmid}', ['VM.Audit']] },
        },
      }),
      node('/nodes/{node}/qemu', { GET: method('GET', {}, { name: 'vmlist', proxyto: 'node' }) }),
      node('/', { GET: method('GET') }),
    ),
    { target: pbs },
  );

  it('serves https://{host}:{port}/api2/json with the target port', () => {
    expect(doc.servers).toEqual([
      expect.objectContaining({
        url: 'https://{host}:{port}/api2/json',
        variables: expect.objectContaining({ port: expect.objectContaining({ default: '8007' }) }),
      }),
    ]);
  });

  it('derives readable operationIds from method and path', () => {
    expect(operation(doc, '/nodes/{node}/qemu/{vmid}/status/current', 'get').operationId).toBe(
      'getNodesByNodeQemuByVmidStatusCurrent',
    );
    expect(operation(doc, '/nodes/{node}/qemu', 'get').operationId).toBe('getNodesByNodeQemu');
    expect(operation(doc, '/', 'get').operationId).toBe('getRoot');
  });

  it('gives every operation a summary, a tag from the first segment, and defined tags', () => {
    const op = operation(doc, '/nodes/{node}/qemu/{vmid}/status/current', 'get');
    expect(op.summary).toBe('GET /nodes/{node}/qemu/{vmid}/status/current');
    expect(op.tags).toEqual(['nodes']);
    expect(operation(doc, '/nodes/{node}/qemu', 'get').summary).toBe('GET something.');
    expect((doc.tags as { name: string }[]).map((t) => t.name)).toEqual(['nodes', 'root']);
    const wrapped = generateSpec(
      tree(
        node('/x', {
          GET: method('GET', {}, { description: 'Renew it if it is due (or always if\nforced). More.' }),
        }),
      ),
      { target: pbs },
    );
    expect(operation(wrapped, '/x', 'get').summary).toBe('Renew it if it is due (or always if forced).');
  });

  it('keeps permissions, proxyto, name and the other method keys as extensions', () => {
    expect(
      operation(doc, '/nodes/{node}/qemu/{vmid}/status/current', 'get')['x-proxmox-permissions'],
    ).toEqual({
      check: ['perm', '/vms/{vmid}', ['VM.Audit']],
    });
    expect(operation(doc, '/nodes/{node}/qemu', 'get')).toMatchObject({
      'x-proxmox-name': 'vmlist',
      'x-proxmox-proxyto': 'node',
    });
  });

  it('says 3.0.3 by default and 3.1.0 on request, with a version that does not depend on time', () => {
    expect(doc.openapi).toBe('3.0.3');
    const again = generateSpec(tree(node('/', { GET: method('GET') })), { target: pbs, openapi: '3.1' });
    expect(again.openapi).toBe('3.1.0');
    expect(again.info.version).toMatch(/^apidoc-[0-9a-f]{12}$/);
    expect(
      generateSpec(tree(node('/', { GET: method('GET') })), { target: pbs, version: '4.2' }).info.version,
    ).toBe('4.2');
  });
});
