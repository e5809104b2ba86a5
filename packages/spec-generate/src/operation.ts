import type { ApiOperation, ApiSchema, ApiTarget } from '@proxmox-openapi/core';
import { pascalCase } from './components.js';
import { operationIdFor, summaryFor, tagFor } from './naming.js';
import { extensionName, toFlag } from './normalize.js';
import { setOwn } from './own-property.js';
import { pathParameterNames, pathParameters, queryParameters } from './parameters.js';
import { requestBody } from './request-body.js';
import { errorResponses, successResponse } from './responses.js';
import type { SchemaContext } from './schema.js';
import { isWorld, operationSecurity } from './security.js';

/** Method keys that the operation maps itself; the rest become `x-proxmox-*` extensions. */
const MAPPED = new Set(['method', 'description', 'parameters', 'returns']);

/** Method flags whose values are Perl booleans (`0`/`1`), emitted as JSON booleans. */
const FLAGS = new Set(['protected', 'allowtoken', 'unstable', 'expose_credentials', 'download_allowed']);

/** What the description of an operation that the schema marks `unstable` ends with. */
export const UNSTABLE_NOTE =
  '**Unstable:** the product marks this API call as unstable; it may change or go away in a later release.';

/**
 * One OpenAPI operation for one (path, method) of the tree: path parameters from the path;
 * for GET and DELETE the other parameters in the query, for POST and PUT in a request body
 * (never both); the `{data}` envelope; security (from the target: which ways to authenticate
 * the product has); and every Proxmox-only detail as an extension.
 */
export function buildOperation(
  op: ApiOperation,
  ctx: Omit<SchemaContext, 'namePrefix'>,
  target: ApiTarget,
): { operationId: string; operation: Record<string, unknown> } {
  const { method, path, definition } = op;
  const operationId = operationIdFor(method, path);
  const prefix = pascalCase(operationId);
  const requestCtx: SchemaContext = { ...ctx, namePrefix: `${prefix}Request` };
  const responseCtx: SchemaContext = { ...ctx, namePrefix: `${prefix}Response` };

  const properties: Record<string, ApiSchema> = { ...(definition.parameters?.properties ?? {}) };
  const inPath = new Set(pathParameterNames(path));
  const rest: Record<string, ApiSchema> = {};
  for (const [name, schema] of Object.entries(properties)) if (!inPath.has(name)) setOwn(rest, name, schema);

  const operation: Record<string, unknown> = {
    operationId,
    summary: summaryFor(method, path, definition.description, definition.name),
  };
  // The description only when it says more than the summary made from it.
  if (typeof definition.description === 'string' && definition.description.trim() !== operation.summary) {
    if (definition.description.trim() !== '') operation.description = definition.description;
  }
  if (toFlag(definition.unstable) === true) {
    // `x-proxmox-unstable` says it to tools; a reader of the description must see it too.
    const text = typeof definition.description === 'string' ? definition.description.trim() : '';
    const said = text === '' ? '' : `${text}\n\n`;
    operation.description = `${said}${UNSTABLE_NOTE}`;
  }
  operation.tags = [tagFor(path)];

  const parameters = pathParameters(path, properties, requestCtx);
  if (method === 'GET' || method === 'DELETE') parameters.push(...queryParameters(rest, requestCtx));
  if (parameters.length > 0) operation.parameters = parameters;
  if (method === 'POST' || method === 'PUT') {
    const body = requestBody(definition.parameters, rest, `${prefix}Request`, requestCtx);
    if (body) operation.requestBody = body;
  }

  const authenticated = !isWorld(definition);
  operation.responses = {
    '200': successResponse(definition.returns, responseCtx),
    ...errorResponses(authenticated, ctx.components),
  };
  operation.security = operationSecurity(method, definition, target);

  for (const [key, value] of Object.entries(definition)) {
    if (MAPPED.has(key)) continue;
    operation[extensionName(key)] = FLAGS.has(key) ? (toFlag(value) ?? value) : value;
  }
  if (definition.parameters && (method === 'GET' || method === 'DELETE')) {
    // A body schema carries these itself; for query parameters they are kept here.
    for (const [key, value] of Object.entries(definition.parameters)) {
      if (key === 'properties' || key === 'type') continue;
      const name = `x-proxmox-parameters-${extensionName(key).slice('x-proxmox-'.length)}`;
      operation[name] = key === 'additionalProperties' ? (toFlag(value) ?? value) : value;
    }
  }
  return { operationId, operation };
}
