import { type ApiSchema, type ApiTree, listOperations } from '@proxmox-openapi/core';

/**
 * A small stand-in for spec-generate, following the same conventions (the `{data}` envelope,
 * query parameters for GET/DELETE, a JSON + form body for POST/PUT, `net[n]` expanded to
 * `net0`…`net3`), so the checks can be tested on all of a real apidoc's operations. It keeps
 * types only (no patterns or other constraints): the checks under test look at structure.
 */
export function buildFixtureDocument(tree: ApiTree, title = 'Proxmox API'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  const ids = new Set<string>();
  for (const { path, method, definition } of listOperations(tree)) {
    const tag = path.split('/')[1] || 'root';
    tags.add(tag);
    const templates = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const properties = definition.parameters?.properties ?? {};
    const parameters: Record<string, unknown>[] = templates.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: simpleSchema(properties[name]),
    }));
    const rest: [string, ApiSchema][] = [];
    for (const [name, schema] of Object.entries(properties)) {
      if (templates.includes(name)) continue;
      const indexed = /^(.+)\[n\]$/.exec(name);
      if (indexed) for (let i = 0; i < 4; i++) rest.push([`${indexed[1]}${i}`, { ...schema, optional: 1 }]);
      else rest.push([name, schema]);
    }
    const operation: Record<string, unknown> = {
      operationId: uniqueId(method, path, ids),
      summary: definition.name || definition.description?.split('\n')[0] || `${method} ${path}`,
      tags: [tag],
      parameters,
      responses: {
        '200': {
          description: 'success',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { data: simpleSchema(definition.returns) } },
            },
          },
        },
        '400': { description: 'invalid parameters' },
      },
    };
    if (method === 'GET' || method === 'DELETE') {
      for (const [name, schema] of rest) {
        parameters.push({ name, in: 'query', required: !isOptional(schema), schema: simpleSchema(schema) });
      }
    } else if (rest.length > 0) {
      const required = rest.filter(([, s]) => !isOptional(s)).map(([n]) => n);
      const body = {
        type: 'object',
        properties: Object.fromEntries(rest.map(([n, s]) => [n, simpleSchema(s)])),
        ...(required.length > 0 ? { required } : {}),
      };
      operation.requestBody = {
        required: required.length > 0,
        content: {
          'application/json': { schema: body },
          'application/x-www-form-urlencoded': { schema: body },
        },
      };
    }
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.0.3',
    info: {
      title,
      version: '1.0.0',
      license: { name: 'AGPL-3.0', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
    },
    servers: [{ url: 'https://proxmox.invalid:8006/api2/json' }],
    security: [{ token: [] }],
    tags: [...tags].sort().map((name) => ({ name, description: `The ${name} API.` })),
    paths,
    components: { securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
  };
}

function isOptional(schema: ApiSchema | undefined): boolean {
  const value = schema?.optional;
  return value === 1 || value === true || value === '1';
}

function simpleSchema(schema: ApiSchema | undefined): Record<string, unknown> {
  const type = typeof schema?.type === 'string' ? schema.type : 'string';
  if (type === 'array') return { type: 'array', items: simpleSchema(schema?.items) };
  if (type === 'object') return { type: 'object' };
  if (type === 'null') return { type: 'object', nullable: true };
  if (type === 'any') return {};
  if (['string', 'integer', 'number', 'boolean'].includes(type)) return { type };
  return { type: 'string' };
}

function uniqueId(method: string, path: string, ids: Set<string>): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((s) =>
      s
        .replace(/[{}]/g, '')
        .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()),
    );
  const base = [method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('');
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}${n}`;
  ids.add(id);
  return id;
}
