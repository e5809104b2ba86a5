import type { ApiSchema } from '@proxmox-openapi/core';
import { convertProperties, type SchemaContext } from './schema.js';
import type { OpenApiSchema } from './types.js';

/** The names of the `{name}` placeholders of a path, in order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

/** Moves a schema's description to the parameter, where tools show it. */
function parameter(
  name: string,
  location: 'path' | 'query',
  required: boolean,
  schema: OpenApiSchema,
): Record<string, unknown> {
  const { description, ...rest } = schema;
  const out: Record<string, unknown> = { name, in: location };
  if (typeof description === 'string') out.description = description;
  out.required = required;
  // Without its description, `{allOf: [$ref]}` (a 3.0 boolean with siblings) is just the `$ref`.
  const only = Object.keys(rest).length === 1 && Array.isArray(rest.allOf) && rest.allOf.length === 1;
  out.schema = only ? (rest.allOf as OpenApiSchema[])[0] : rest;
  if (location === 'query' && rest.type === 'array') {
    // Repeated keys (`?ids=a&ids=b`), as Proxmox reads arrays from a query string.
    out.style = 'form';
    out.explode = true;
  }
  return out;
}

/**
 * Every `{name}` of the path as a required path parameter, with the apidoc's schema for it when
 * there is one (constraints included) and a string schema when there is none (PBS has such paths).
 */
export function pathParameters(
  path: string,
  properties: Record<string, ApiSchema>,
  ctx: SchemaContext,
): Record<string, unknown>[] {
  return pathParameterNames(path).map((name) => {
    const raw = properties[name];
    const converted = raw ? convertProperties({ [name]: raw }, ctx).properties[name] : undefined;
    return parameter(name, 'path', true, converted ?? { type: 'string' });
  });
}

/** The non-path parameters of a GET or DELETE as query parameters; indexed names expanded. */
export function queryParameters(
  properties: Record<string, ApiSchema>,
  ctx: SchemaContext,
): Record<string, unknown>[] {
  const converted = convertProperties(properties, ctx);
  return Object.entries(converted.properties).map(([name, schema]) =>
    parameter(name, 'query', converted.required.includes(name), schema),
  );
}
