/**
 * Reading an OpenAPI document as plain JSON data: what every stage that looks into a document
 * (statistics, validation) needs, in one place, so that they follow references and walk
 * request bodies the same way.
 */

import { isJsonObject, type JsonObject } from '../json-object.js';

/**
 * Follows local `$ref`s (`#/components/…`, JSON-pointer escapes decoded, array indexes too)
 * until a value that is not a reference. Undefined when one does not resolve, points outside
 * the document, or a chain comes back to itself: callers report or skip it, they never loop.
 */
export function resolveLocalRef(document: object, value: unknown): unknown {
  let current = value;
  const seen = new Set<string>();
  while (isJsonObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) return undefined;
    seen.add(ref);
    let target: unknown = document;
    for (const raw of ref.slice(2).split('/')) {
      const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      target = isJsonObject(target)
        ? target[token]
        : Array.isArray(target)
          ? target[Number(token)]
          : undefined;
      if (target === undefined) return undefined;
    }
    current = target;
  }
  return current;
}

// Deeper compositions than this are not what a generator writes; stop rather than recurse on.
const MAX_SCHEMA_DEPTH = 8;

/** The composition keywords whose parts a body walk enters. */
export type Composition = 'allOf' | 'oneOf' | 'anyOf';

function visitSchema(
  document: object,
  raw: unknown,
  through: readonly Composition[],
  visit: (schema: JsonObject) => void,
  depth: number,
): void {
  const schema = resolveLocalRef(document, raw);
  if (!isJsonObject(schema) || depth > MAX_SCHEMA_DEPTH) return;
  visit(schema);
  for (const keyword of through) {
    const list = schema[keyword];
    if (Array.isArray(list)) for (const part of list) visitSchema(document, part, through, visit, depth + 1);
  }
}

/**
 * Visits every schema of a request body, over every media type (a Proxmox body is one object
 * schema offered as JSON and as a form), through `$ref`s and the parts of the compositions in
 * `through`: all three for the names a body may hold, `allOf` alone for what it requires.
 */
export function visitRequestBodySchemas(
  document: object,
  requestBody: unknown,
  through: readonly Composition[],
  visit: (schema: JsonObject) => void,
): void {
  const body = resolveLocalRef(document, requestBody);
  if (!isJsonObject(body) || !isJsonObject(body.content)) return;
  for (const media of Object.values(body.content)) {
    if (isJsonObject(media)) visitSchema(document, media.schema, through, visit, 0);
  }
}

/**
 * The property names of a request body over every media type (its names count once), through
 * `$ref`s and `allOf`/`oneOf`/`anyOf`.
 */
export function requestBodyPropertyNames(document: object, requestBody: unknown): Set<string> {
  const names = new Set<string>();
  visitRequestBodySchemas(document, requestBody, ['allOf', 'oneOf', 'anyOf'], (schema) => {
    if (isJsonObject(schema.properties)) for (const name of Object.keys(schema.properties)) names.add(name);
  });
  return names;
}
