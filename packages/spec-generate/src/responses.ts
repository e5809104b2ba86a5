import { type ComponentSchemas, schemaRef } from './components.js';
import { convertSchema, type SchemaContext } from './schema.js';
import type { OpenApiSchema } from './types.js';

/** The name of the shared error body schema. */
export const ERROR_SCHEMA = 'ProxmoxError';

/**
 * The success response: Proxmox wraps every JSON result as `{"data": …}` (a method that returns
 * nothing answers `{"data": null}`), and some lists add keys such as `total` beside `data`.
 */
export function successResponse(returns: unknown, ctx: SchemaContext): Record<string, unknown> {
  const data = convertSchema(returns ?? {}, ctx);
  const description = typeof data.description === 'string' ? data.description.split('\n')[0] : undefined;
  const envelope: OpenApiSchema = { type: 'object', required: ['data'], properties: { data } };
  return {
    description: description && description !== '' ? description : 'Success: the result is in `data`.',
    content: { 'application/json': { schema: envelope } },
  };
}

/** The error body: `data` is null; a failed parameter check lists messages per parameter in `errors`. */
function errorSchema(): OpenApiSchema {
  return {
    type: 'object',
    description:
      'The body of an error. The HTTP reason phrase carries the message; a failed parameter check adds `errors`.',
    properties: {
      data: { description: 'Always null on errors.' },
      errors: {
        type: 'object',
        description: 'Parameter name → what was wrong with it.',
        additionalProperties: { type: 'string' },
      },
      message: { type: 'string', description: 'The error message (PBS).' },
    },
  };
}

/** The shared error responses, for `components.responses` (the auth ones only when used). */
export function errorResponseComponents(withAuth: boolean): Record<string, unknown> {
  const content = { 'application/json': { schema: schemaRef(ERROR_SCHEMA) } };
  const out: Record<string, unknown> = {
    BadRequest: { description: 'Parameter verification failed.', content },
  };
  if (withAuth) {
    out.Unauthorized = { description: 'No valid ticket or API token.', content };
    out.Forbidden = { description: 'Permission check failed.', content };
  }
  return out;
}

/** The error responses of an operation: 400 always; 401 and 403 when it needs authentication. */
export function errorResponses(
  authenticated: boolean,
  components: ComponentSchemas,
): Record<string, unknown> {
  components.ensure(ERROR_SCHEMA, errorSchema);
  const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
  return authenticated
    ? { '400': ref('BadRequest'), '401': ref('Unauthorized'), '403': ref('Forbidden') }
    : { '400': ref('BadRequest') };
}
