import type { ApiSchema, JsonValue } from '@proxmox-openapi/core';
import { type ChangeSink, missingFrom, quoteList } from './change-sink.js';
import { MAX_SCHEMA_DEPTH } from './compare-request.js';
import { compareDescriptions, compareTypes } from './compare-schema-facts.js';
import { canonicalJson, isRecord, readEnum, readOptional, readType } from './normalize.js';

/*
 * The answer of an operation, as its `returns` schema describes it. Locations are paths from
 * `returns`: `returns[]` is an element of a returned array, `returns[].vmid` a property of it.
 */

function label(path: string): string {
  return path === 'returns' ? 'return value' : `return property \`${path}\``;
}

/** Compares the `returns` schemas of one operation. */
export function compareReturns(sink: ChangeSink, old: ApiSchema | undefined, next: ApiSchema | undefined) {
  compareResponseSchema(sink, 'returns', old ?? {}, next ?? {}, true, 0);
}

function compareResponseSchema(
  sink: ChangeSink,
  path: string,
  old: ApiSchema,
  next: ApiSchema,
  root: boolean,
  depth: number,
) {
  const what = label(path);
  const compared = { sink, where: path, what, old, next };
  const { oldType, newType } = compareTypes(compared, 'response-property-type-changed');

  if (!root) {
    const wasOptional = readOptional(old);
    const isOptional = readOptional(next);
    if (wasOptional !== isOptional) {
      sink.add(
        isOptional ? 'response-property-became-optional' : 'response-property-became-required',
        path,
        wasOptional,
        isOptional,
        `${what} became ${isOptional ? 'optional' : 'always present'}`,
      );
    }
  }

  const oldEnum = readEnum(old, oldType);
  const newEnum = readEnum(next, newType);
  if (oldEnum && newEnum) {
    const added = missingFrom(newEnum, oldEnum, canonicalJson);
    const removed = missingFrom(oldEnum, newEnum, canonicalJson);
    if (added.length > 0) {
      sink.add('response-enum-value-added', path, null, added, `${what} may now be ${quoteList(added)}`);
    }
    if (removed.length > 0) {
      sink.add(
        'response-enum-value-removed',
        path,
        removed,
        null,
        `${what} is no longer ${quoteList(removed)}`,
      );
    }
  }

  compareDescriptions(compared, 'response-property-description-changed');

  if (depth >= MAX_SCHEMA_DEPTH) return;
  const oldProps = properties(old);
  const newProps = properties(next);
  const names = [...new Set([...Object.keys(oldProps), ...Object.keys(newProps)])].sort();
  for (const name of names) {
    const child = `${path}.${name}`;
    const before = oldProps[name];
    const after = newProps[name];
    if (before && after) compareResponseSchema(sink, child, before, after, false, depth + 1);
    else if (after) sink.add('response-property-added', child, null, shape(after), `${label(child)} added`);
    else {
      const rule = readOptional(before) ? 'response-optional-property-removed' : 'response-property-removed';
      sink.add(rule, child, shape(before), null, `${label(child)} removed`);
    }
  }

  if (isRecord(old.items) && isRecord(next.items)) {
    // An array element has no `optional` of its own: skip that check as for the root.
    compareResponseSchema(
      sink,
      `${path}[]`,
      old.items as ApiSchema,
      next.items as ApiSchema,
      true,
      depth + 1,
    );
  }
}

function properties(schema: ApiSchema): Record<string, ApiSchema> {
  return isRecord(schema.properties) ? (schema.properties as Record<string, ApiSchema>) : {};
}

function shape(schema: ApiSchema | undefined): JsonValue {
  const type = readType(schema);
  return { type: type ?? null, optional: readOptional(schema) };
}
