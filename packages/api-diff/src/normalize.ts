import {
  type ApiSchema,
  isJsonObject,
  type JsonValue,
  readApidocFlag,
  readApidocNumber,
} from '@proxmox-openapi/core';

/*
 * The apidoc's values as the diff compares them. The schema dumpers write the same fact in
 * several ways (`optional: 1` or `"1"`, a boolean default `0` or `false`, numbers as strings,
 * `enum: null`, PBS's `type` as an object): two versions that differ only in the encoding are
 * the same API, so each reader turns one keyword into one canonical value.
 */

/** A Proxmox flag as a boolean (core's reader, shared with the generator). */
export const readFlag = readApidocFlag;

/** A number written as a number or a numeric string (core's reader, shared with the generator). */
export const readNumber = readApidocNumber;

/** The schema's type, following PBS's `type` given as an object; inferred from `properties`/`items`. */
export function readType(schema: ApiSchema | undefined): string | undefined {
  if (!schema) return undefined;
  let type: unknown = schema.type;
  for (let depth = 0; depth < 8 && typeof type === 'object' && type !== null; depth++) {
    type = (type as ApiSchema).type;
  }
  if (typeof type === 'string') return type;
  if (isRecord(schema.properties)) return 'object';
  if (isRecord(schema.items)) return 'array';
  return undefined;
}

/** A value (default or enum member) in the schema's type: a boolean default `0` is `false`. */
export function readTypedValue(value: unknown, type: string | undefined): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  switch (type) {
    case 'boolean':
      return readFlag(value);
    case 'integer':
    case 'number':
      return readNumber(value) ?? String(value);
    case 'string':
      return typeof value === 'object' ? (value as JsonValue) : String(value);
    default:
      return value as JsonValue;
  }
}

/** The enum of a schema as typed values, deduplicated; `undefined` for none, `enum: null` or `[]`. */
export function readEnum(schema: ApiSchema, type: string | undefined): JsonValue[] | undefined {
  if (!Array.isArray(schema.enum)) return undefined;
  const out: JsonValue[] = [];
  const seen = new Set<string>();
  for (const member of schema.enum) {
    const typed = readTypedValue(member, type);
    if (typed === undefined) continue;
    const key = canonicalJson(typed);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(typed);
    }
  }
  return out.length > 0 ? out : undefined;
}

/** Whether a schema is optional (Proxmox: required unless `optional` is set). */
export function readOptional(schema: ApiSchema | undefined): boolean {
  return readFlag(schema?.optional) ?? false;
}

/** A description with its whitespace collapsed: reflowed text is not a change. */
export function readDescription(schema: ApiSchema | undefined): string | undefined {
  const text = schema?.description;
  if (typeof text !== 'string') return undefined;
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed === '' ? undefined : collapsed;
}

/** A plain object (not null, not an array): core's test, under the name the diff uses. */
export const isRecord: (value: unknown) => value is Record<string, unknown> = isJsonObject;

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** A copy of a JSON value with object keys sorted at every level (`undefined` becomes `null`). */
export function sortKeys(value: unknown): JsonValue {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isRecord(value)) {
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined) out[key] = sortKeys(value[key]);
    }
    return out;
  }
  return value as JsonValue;
}
