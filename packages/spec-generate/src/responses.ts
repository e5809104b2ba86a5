import { type ComponentSchemas, schemaRef } from './components.js';
import { convertSchema, type SchemaContext } from './schema.js';
import type { OpenApiSchema } from './types.js';

/** The name of the shared error body schema. */
export const ERROR_SCHEMA = 'ProxmoxError';

/**
 * The success response: Proxmox wraps every JSON result as `{"data": …}` (a method that returns
 * nothing answers `{"data": null}`), and some lists add keys such as `total` beside `data`.
 */
export function successResponse(
  returns: unknown,
  ctx: SchemaContext,
  download?: Download,
): Record<string, unknown> {
  const data = convertSchema(returns ?? {}, ctx);
  const description = typeof data.description === 'string' ? data.description.split('\n')[0] : undefined;
  const envelope: OpenApiSchema = { type: 'object', required: ['data'], properties: { data } };
  const text = description && description !== '' ? description : 'Success: the result is in `data`.';
  if (!download) return { description: text, content: { 'application/json': { schema: envelope } } };
  const binary = { schema: { type: 'string', format: 'binary' } };
  if (download.only) {
    return {
      description: 'The file, sent as it is (no `{data}` envelope).',
      content: { 'application/octet-stream': binary },
    };
  }
  const when = download.parameter
    ? ` With \`${download.parameter}=1\`, the file itself is sent instead.`
    : ' The server may send a file instead.';
  return {
    description: `${text}${when}`,
    content: { 'application/json': { schema: envelope }, 'application/octet-stream': binary },
  };
}

/**
 * How an operation marked `download_allowed` sends a file. Its handler returns a `download`
 * descriptor, which the Proxmox HTTP server streams as the body instead of the JSON envelope:
 * always, when the result is declared as any value (the file-restore download); otherwise when
 * asked, by the operation's `download` parameter (the task log) or as the handler decides.
 */
export interface Download {
  /** Only a file is ever sent: the declared result is any value. */
  only: boolean;
  /** The parameter that asks for the file, when there is one. */
  parameter?: string;
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
        description: 'Each parameter name maps to what was wrong with it.',
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
