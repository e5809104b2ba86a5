import type { ApiSchema } from '@proxmox-openapi/core';
import { schemaRef } from './components.js';
import { toFlag } from './normalize.js';
import { convertProperties, type SchemaContext } from './schema.js';
import type { OpenApiSchema } from './types.js';

/**
 * The request body of a POST or PUT: the non-path parameters as one object schema (a component,
 * so the two media types share it), offered as `application/json` and as
 * `application/x-www-form-urlencoded`. Proxmox accepts both; the JavaScript clients send forms,
 * where every value is text and an array is a repeated key. The body is required only when one
 * of its parameters is: clients send no body at all for a POST without parameters.
 */
export function requestBody(
  parameters: ApiSchema | undefined,
  bodyProperties: Record<string, ApiSchema>,
  componentName: string,
  ctx: SchemaContext,
): Record<string, unknown> | undefined {
  if (Object.keys(bodyProperties).length === 0) return undefined;
  const { properties, required } = convertProperties(bodyProperties, ctx);
  const schema: OpenApiSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  const additional = toFlag(parameters?.additionalProperties);
  if (additional !== undefined) schema.additionalProperties = additional;
  const ref = schemaRef(ctx.components.add(componentName, schema));
  const arrays = Object.entries(properties)
    .filter(([, property]) => property.type === 'array')
    .map(([name]) => name);
  const form: Record<string, unknown> = { schema: ref };
  if (arrays.length > 0) {
    form.encoding = Object.fromEntries(arrays.map((name) => [name, { style: 'form', explode: true }]));
  }
  return {
    required: required.length > 0,
    content: { 'application/json': { schema: ref }, 'application/x-www-form-urlencoded': form },
  };
}
