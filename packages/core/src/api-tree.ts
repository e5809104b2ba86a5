/**
 * The shape of the schema tree that the Proxmox API viewers publish (`apiSchema` in apidoc.js).
 * The types describe the data as it is, dirty values included (numbers as strings, `enum: null`,
 * `type` as an object in PBS): normalizing them is the generator's job, not the parser's.
 */

import { APIDOC_METHODS, type HttpMethod } from './http-methods.js';

/** A JSON value as it appears in the apidoc. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A Proxmox schema: JSON-Schema-like, with Proxmox keywords (`optional`, `typetext`, `format` objects, …). */
export interface ApiSchema {
  type?: unknown;
  description?: string;
  verbose_description?: string;
  optional?: unknown;
  properties?: Record<string, ApiSchema>;
  items?: ApiSchema;
  additionalProperties?: unknown;
  /** A format name such as `pve-vmid`, or a property string whose keys are schemas. */
  format?: string | Record<string, ApiSchema>;
  enum?: unknown;
  default?: unknown;
  [keyword: string]: unknown;
}

/** Who may call a method: PVE uses `user`/`check`/`description`, PBS nests `and`/`or` trees. */
export type ApiPermissions = { [key: string]: JsonValue };

/** One (path, method) of the API. */
export interface ApiMethod {
  method: HttpMethod;
  /** A short name of the method (PVE has one; PBS has none). */
  name?: string;
  description?: string;
  /** An object schema whose `properties` are the path, query and body parameters together. */
  parameters?: ApiSchema;
  returns?: ApiSchema;
  permissions?: ApiPermissions;
  allowtoken?: unknown;
  protected?: unknown;
  proxyto?: unknown;
  unstable?: unknown;
  [key: string]: unknown;
}

/** One node of the tree: a path and the methods served there. */
export interface ApiNode {
  /** The absolute API path, such as `/nodes/{node}/qemu`: never relative to the parent. */
  path: string;
  text: string;
  leaf: unknown;
  children?: ApiNode[];
  info?: Partial<Record<HttpMethod, ApiMethod>>;
}

/** The whole `apiSchema` array. */
export type ApiTree = ApiNode[];

/** One operation of the tree, as a visit yields it. */
export interface ApiOperation {
  path: string;
  method: HttpMethod;
  node: ApiNode;
  definition: ApiMethod;
}

/**
 * Visits every node of a tree depth-first in document order. Iterative, so that a
 * hostile 100k-deep tree cannot overflow the stack.
 */
export function* walkApiTree(tree: readonly ApiNode[]): Generator<ApiNode> {
  const stack: ApiNode[] = [...tree].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as ApiNode;
    yield node;
    const children = node.children;
    if (children) {
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as ApiNode);
    }
  }
}

/** Every (path, method) of a tree, in document order and, per node, in `APIDOC_METHODS` order. */
export function* listOperations(tree: readonly ApiNode[]): Generator<ApiOperation> {
  for (const node of walkApiTree(tree)) {
    if (!node.info) continue;
    for (const method of APIDOC_METHODS) {
      const definition = node.info[method];
      if (definition) yield { path: node.path, method, node, definition };
    }
  }
}

/** How many nodes carry at least one method, and how many operations there are. */
export function countApiTree(tree: readonly ApiNode[]): { nodes: number; paths: number; operations: number } {
  let nodes = 0;
  let paths = 0;
  let operations = 0;
  for (const node of walkApiTree(tree)) {
    nodes++;
    const methods = APIDOC_METHODS.filter((m) => node.info?.[m] !== undefined).length;
    if (methods > 0) paths++;
    operations += methods;
  }
  return { nodes, paths, operations };
}
