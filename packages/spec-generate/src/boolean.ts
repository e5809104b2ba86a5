import type { OpenApiSchema, OpenApiVersion } from './types.js';

/** The name of the shared boolean schema in `components.schemas`. */
export const BOOLEAN_SCHEMA = 'ProxmoxBoolean';

/**
 * Proxmox answers booleans as the integers `1`/`0` and accepts `1`/`0` and `true`/`false`.
 * One shared schema accepts both forms. It is an `anyOf`, not a `oneOf`: the two branches never
 * overlap for typed JSON, but a validator that coerces form or query text by the schema's types
 * (as most request validators do) turns `"true"` into `true` in the first branch and then into
 * `1` in the second, and a `oneOf` would reject a value that both branches accept.
 */
export function booleanSchema(version: OpenApiVersion): OpenApiSchema {
  return {
    title: 'Proxmox boolean',
    description:
      'A boolean as Proxmox speaks it: the server answers 1 or 0, and accepts 1/0 or true/false. ' +
      'In form-encoded bodies and query strings the value is the text "1", "0", "true" or "false".',
    anyOf: [{ type: 'boolean' }, { type: 'integer', enum: [0, 1] }],
    ...(version === '3.1' ? { examples: [1] } : { example: 1 }),
  };
}
