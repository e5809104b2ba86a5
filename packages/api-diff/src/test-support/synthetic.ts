import type { ApiMethod, ApiSchema, ApiTree, HttpMethod } from '@proxmox-openapi/core';

/** The path of the operation that the synthetic trees hold. */
export const PATH = '/nodes/{node}/qemu';

/**
 * A PVE-like method: `POST /nodes/{node}/qemu` with the given parameters and overrides. Loosely
 * typed on purpose: the apidoc's dirty values (PBS's `format` schemas, `enum: null`, …) are
 * what the tests feed in.
 */
export function method(
  parameters: Record<string, object> = {},
  overrides: Record<string, unknown> = {},
): ApiMethod {
  return {
    method: 'POST',
    name: 'create_vm',
    description: 'Create or restore a virtual machine.',
    parameters: {
      type: 'object',
      additionalProperties: 0,
      properties: parameters as Record<string, ApiSchema>,
    },
    returns: { type: 'string' },
    permissions: { check: ['perm', '/vms/{vmid}', ['VM.Allocate']] },
    allowtoken: 1,
    protected: 1,
    proxyto: 'node',
    ...overrides,
  } as ApiMethod;
}

/** A method whose answer is the given schema. */
export function returning(returns: object): ApiMethod {
  return method({}, { returns: returns as ApiSchema });
}

/** A tree of one node holding the given methods (none: an empty tree). */
export function tree(...methods: ApiMethod[]): ApiTree {
  if (methods.length === 0) return [];
  const info: Partial<Record<HttpMethod, ApiMethod>> = {};
  for (const m of methods) info[m.method] = m;
  return [
    { path: '/nodes', text: 'nodes', leaf: 0, children: [{ path: PATH, text: 'qemu', leaf: 1, info }] },
  ];
}
