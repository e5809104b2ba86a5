import type { ApiMethod, ApiNode, ApiSchema, ApiTree, HttpMethod } from '@proxmox-openapi/core';

/** A method with the given parameters (an object schema) and result. */
export function method(
  name: HttpMethod,
  properties: Record<string, ApiSchema> = {},
  extra: Partial<ApiMethod> = {},
): ApiMethod {
  return {
    method: name,
    description: `${name} something.`,
    parameters: { type: 'object', additionalProperties: 0, properties },
    returns: { type: 'null' },
    ...extra,
  };
}

/** A small tree: nodes nested as given, each path absolute (as in the real apidoc). */
export function tree(...nodes: ApiNode[]): ApiTree {
  return nodes;
}

/** One node with methods and children. */
export function node(path: string, info: ApiNode['info'], children?: ApiNode[]): ApiNode {
  const text = path.split('/').pop() ?? '';
  return { path, text, leaf: children ? 0 : 1, info, ...(children ? { children } : {}) };
}
