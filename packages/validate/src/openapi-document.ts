/**
 * Reading an OpenAPI document as plain data: the checks receive `object`, so every access is
 * guarded, and a malformed part is skipped here (Redocly's `struct` rule reports it).
 */
import {
  isJsonObject,
  OPENAPI_METHODS,
  requestBodyPropertyNames,
  resolveLocalRef,
  visitRequestBodySchemas,
} from '@proxmox-openapi/core';

export type Json = Record<string, unknown>;

/** Whether a value is a plain JSON object (core's reader, under the name the checks use). */
export const isObject: (value: unknown) => value is Json = isJsonObject;

/** One (path, method) of a document. */
export interface DocumentOperation {
  path: string;
  /** Lower case, as in the document. */
  method: string;
  operation: Json;
  pathItem: Json;
}

/** Every operation of a document, in document order. */
export function listDocumentOperations(document: object): DocumentOperation[] {
  const paths = (document as Json).paths;
  const found: DocumentOperation[] = [];
  if (!isObject(paths)) return found;
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    for (const method of OPENAPI_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) found.push({ path, method, operation, pathItem });
    }
  }
  return found;
}

/**
 * Follows local `$ref`s (core's reader); undefined for a reference that does not resolve or
 * loops (Redocly's `no-unresolved-refs` reports those).
 */
export const resolveRef = resolveLocalRef;

/** A parameter of an operation, after `$ref` resolution. */
export interface DocumentParameter {
  name: string;
  in: string;
  required: boolean;
}

/** The parameters of an operation: the path item's, overridden by the operation's own (OpenAPI rule). */
export function operationParameters(document: object, op: DocumentOperation): DocumentParameter[] {
  const byKey = new Map<string, DocumentParameter>();
  for (const list of [op.pathItem.parameters, op.operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = resolveRef(document, raw);
      if (!isObject(parameter) || typeof parameter.name !== 'string' || typeof parameter.in !== 'string')
        continue;
      byKey.set(`${parameter.in}:${parameter.name}`, {
        name: parameter.name,
        in: parameter.in,
        required: parameter.required === true,
      });
    }
  }
  return [...byKey.values()];
}

/**
 * The property names of an operation's request body, over every media type: a Proxmox body is
 * an object schema (possibly composed with `allOf`), whichever encoding carries it.
 */
export function bodyPropertyNames(document: object, op: DocumentOperation): Set<string> {
  return requestBodyPropertyNames(document, op.operation.requestBody);
}

/** The `{name}` templates of a path, in order. */
export function pathTemplates(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
}

/**
 * The property names an operation's request body requires (`required` of the body schema and
 * of its `allOf` parts: a `oneOf` alternative's requirement is not the body's), over every
 * media type.
 */
export function bodyRequiredNames(document: object, op: DocumentOperation): Set<string> {
  const names = new Set<string>();
  visitRequestBodySchemas(document, op.operation.requestBody, ['allOf'], (schema) => {
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) if (typeof name === 'string') names.add(name);
    }
  });
  return names;
}
