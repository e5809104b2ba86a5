import { type ApiSchema, type JsonValue, statedIndexRange } from '@proxmox-openapi/core';
import { type ChangeSink, missingFrom, quote, quoteList } from './change-sink.js';
import { compareDescriptions, compareTypes } from './compare-schema-facts.js';
import {
  canonicalJson,
  isRecord,
  readEnum,
  readNumber,
  readOptional,
  readType,
  readTypedValue,
} from './normalize.js';
import type { RuleId } from './rules.js';

/** Where in the request: a parameter (`net[n]`, `config.foo`, `ids[]`) and maybe a property-string key. */
interface Place {
  parameter: string;
  key?: string;
  /** How deep inside the top-level parameter (0 for the parameter itself). */
  depth: number;
}

/**
 * How deep nested values are compared. Real schemas nest a few levels; the limit keeps a hostile
 * tree (a 100k-deep chain of `properties`) from overflowing the stack in this recursion.
 */
export const MAX_SCHEMA_DEPTH = 64;

function location(place: Place): string {
  return place.key === undefined
    ? `parameter ${place.parameter}`
    : `parameter ${place.parameter} key ${place.key}`;
}

function label(place: Place): string {
  return place.key === undefined
    ? `parameter \`${place.parameter}\``
    : `parameter \`${place.parameter}\` key \`${place.key}\``;
}

/** The place of a member (nested property or key) inside a place. */
function inside(place: Place, member: string, asKey: boolean): Place {
  const depth = place.depth + 1;
  if (place.key !== undefined) return { parameter: place.parameter, key: `${place.key}.${member}`, depth };
  if (asKey) return { parameter: place.parameter, key: member, depth };
  return { parameter: `${place.parameter}${member === '[]' ? '' : '.'}${member}`, depth };
}

/** Compares the parameters (the `properties` of the `parameters` schema) of one operation. */
export function compareParameters(sink: ChangeSink, old: ApiSchema | undefined, next: ApiSchema | undefined) {
  compareMembers(sink, undefined, properties(old), properties(next));
}

function properties(schema: ApiSchema | undefined): Record<string, ApiSchema> {
  return isRecord(schema?.properties) ? (schema.properties as Record<string, ApiSchema>) : {};
}

/** The rules and the test of "required" for one kind of member: a parameter or a property-string key. */
interface MemberKind {
  addedRequired: RuleId;
  addedOptional: RuleId;
  removed: RuleId;
  isRequired(schema: ApiSchema): boolean;
  /** Whether a member is placed as a key (`parameter net[n] key model`) rather than a nested parameter. */
  asKey: boolean;
}

const PARAMETER: MemberKind = {
  addedRequired: 'request-parameter-added-required',
  addedOptional: 'request-parameter-added-optional',
  removed: 'request-parameter-removed',
  isRequired: (schema) => !readOptional(schema),
  asKey: false,
};

const PROPERTY_KEY: MemberKind = {
  addedRequired: 'request-property-key-added-required',
  addedOptional: 'request-property-key-added-optional',
  removed: 'request-property-key-removed',
  isRequired: keyRequired,
  asKey: true,
};

/**
 * Added, removed and common members: parameters (top level when `parent` is undefined, else
 * nested) or the keys of a property string.
 */
function compareMembers(
  sink: ChangeSink,
  parent: Place | undefined,
  old: Record<string, ApiSchema>,
  next: Record<string, ApiSchema>,
  kind: MemberKind = PARAMETER,
) {
  const names = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  for (const name of names) {
    const place = parent ? inside(parent, name, kind.asKey) : { parameter: name, depth: 0 };
    const before = old[name];
    const after = next[name];
    if (before && after) compareSchema(sink, place, before, after, parent === undefined);
    else if (after) {
      const required = kind.isRequired(after);
      sink.add(
        required ? kind.addedRequired : kind.addedOptional,
        location(place),
        null,
        summarizeSchema(after),
        `${label(place)} added (${required ? 'required' : 'optional'})`,
      );
    } else {
      sink.add(kind.removed, location(place), summarizeSchema(before), null, `${label(place)} removed`);
    }
  }
}

/** The keys of a property string (PVE: a map of key → schema; PBS: an object schema), or `undefined`. */
function propertyStringKeys(schema: ApiSchema): Record<string, ApiSchema> | undefined {
  const format = schema.format;
  if (!isRecord(format)) return undefined;
  if (typeof format.type === 'string' || isRecord(format.type)) {
    return isRecord(format.properties) ? (format.properties as Record<string, ApiSchema>) : {};
  }
  const keys: Record<string, ApiSchema> = {};
  for (const [name, value] of Object.entries(format)) if (isRecord(value)) keys[name] = value as ApiSchema;
  return keys;
}

/** A key is required unless it is optional or an alias of another key. */
function keyRequired(schema: ApiSchema): boolean {
  return !readOptional(schema) && schema.alias === undefined;
}

function formatName(schema: ApiSchema): string | undefined {
  if (typeof schema.format === 'string') return schema.format;
  return isRecord(schema.format) ? 'property string' : undefined;
}

/** A short summary of a schema for the `old`/`new` of an added or removed member. */
export function summarizeSchema(schema: ApiSchema | undefined): JsonValue {
  if (!schema) return null;
  const out: Record<string, JsonValue> = {};
  const type = readType(schema);
  if (type !== undefined) out.type = type;
  const format = formatName(schema);
  if (format !== undefined) out.format = format;
  out.optional = readOptional(schema);
  return out;
}

function compareSchema(sink: ChangeSink, place: Place, old: ApiSchema, next: ApiSchema, topLevel: boolean) {
  const where = location(place);
  const what = label(place);
  const isKey = place.key !== undefined;
  const wasRequired = isKey ? keyRequired(old) : !readOptional(old);
  const isRequired = isKey ? keyRequired(next) : !readOptional(next);
  if (wasRequired !== isRequired) {
    sink.add(
      isRequired ? 'request-parameter-became-required' : 'request-parameter-became-optional',
      where,
      wasRequired,
      isRequired,
      `${what} became ${isRequired ? 'required' : 'optional'}`,
    );
  }

  const compared = { sink, where, what, old, next };
  const { oldType, newType } = compareTypes(compared, 'request-parameter-type-changed');

  const oldFormat = formatName(old);
  const newFormat = formatName(next);
  if (oldFormat !== newFormat) {
    sink.add(
      'request-parameter-format-changed',
      where,
      oldFormat,
      newFormat,
      `${what} format changed from ${quote(oldFormat)} to ${quote(newFormat)}`,
    );
  }

  compareEnum(sink, where, what, readEnum(old, oldType), readEnum(next, newType));
  const sameFormat = typeof old.format === 'string' && old.format === next.format;
  compareBound(sink, where, what, 'minimum', readNumber(old.minimum), readNumber(next.minimum), sameFormat);
  compareBound(sink, where, what, 'maximum', readNumber(old.maximum), readNumber(next.maximum), sameFormat);
  compareLength(sink, where, what, old, next);

  const oldPattern = typeof old.pattern === 'string' ? old.pattern : undefined;
  const newPattern = typeof next.pattern === 'string' ? next.pattern : undefined;
  if (oldPattern !== newPattern) {
    sink.add(
      'request-parameter-pattern-changed',
      where,
      oldPattern,
      newPattern,
      `${what} pattern changed from ${quote(oldPattern)} to ${quote(newPattern)}`,
    );
  }

  const oldDefault = readTypedValue(old.default, oldType);
  const newDefault = readTypedValue(next.default, newType);
  if (canonicalJson(oldDefault) !== canonicalJson(newDefault)) {
    sink.add(
      'request-parameter-default-changed',
      where,
      oldDefault,
      newDefault,
      `${what} default changed from ${quote(oldDefault)} to ${quote(newDefault)}`,
    );
  }

  compareDescriptions(compared, 'request-parameter-description-changed');

  if (topLevel) {
    const before = statedIndexRange(place.parameter, old);
    const after = statedIndexRange(place.parameter, next);
    if (before && after && (before.min !== after.min || before.max !== after.max)) {
      const narrowed = after.min > before.min || after.max < before.max;
      sink.add(
        narrowed ? 'request-parameter-index-range-narrowed' : 'request-parameter-index-range-widened',
        where,
        { min: before.min, max: before.max },
        { min: after.min, max: after.max },
        `${what} index range changed from ${before.min}..${before.max} to ${after.min}..${after.max}`,
      );
    }
  }

  if (place.depth >= MAX_SCHEMA_DEPTH) return;
  const oldKeys = propertyStringKeys(old);
  const newKeys = propertyStringKeys(next);
  if (oldKeys && newKeys) compareMembers(sink, place, oldKeys, newKeys, PROPERTY_KEY);

  if (isRecord(old.properties) || isRecord(next.properties)) {
    compareMembers(sink, place, properties(old), properties(next));
  }
  if (isRecord(old.items) && isRecord(next.items)) {
    compareSchema(sink, inside(place, '[]', false), old.items as ApiSchema, next.items as ApiSchema, false);
  }
}

function compareEnum(
  sink: ChangeSink,
  where: string,
  what: string,
  old: JsonValue[] | undefined,
  next: JsonValue[] | undefined,
) {
  if (!old && !next) return;
  if (!old) {
    sink.add(
      'request-parameter-enum-added',
      where,
      null,
      next,
      `${what} restricted to ${next?.length} values`,
    );
    return;
  }
  if (!next) {
    sink.add('request-parameter-enum-removed', where, old, null, `${what} no longer restricted to a list`);
    return;
  }
  // One change per parameter, listing the values: a family such as `mp0`…`mp255` is one fact.
  const added = missingFrom(next, old, canonicalJson);
  const removed = missingFrom(old, next, canonicalJson);
  if (added.length > 0) {
    sink.add('request-parameter-enum-value-added', where, null, added, `${what} accepts ${quoteList(added)}`);
  }
  if (removed.length > 0) {
    sink.add(
      'request-parameter-enum-value-removed',
      where,
      removed,
      null,
      `${what} no longer accepts ${quoteList(removed)}`,
    );
  }
}

function compareBound(
  sink: ChangeSink,
  where: string,
  what: string,
  bound: 'minimum' | 'maximum',
  old: number | undefined,
  next: number | undefined,
  sameFormat: boolean,
) {
  if (old === next) return;
  // An absent minimum is -∞ and an absent maximum +∞.
  const low = bound === 'minimum' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const tighter = bound === 'minimum' ? (next ?? low) > (old ?? low) : (next ?? low) < (old ?? low);
  const rule: RuleId =
    tighter && sameFormat
      ? 'request-parameter-bound-tightened-under-format'
      : bound === 'minimum'
        ? tighter
          ? 'request-parameter-minimum-raised'
          : 'request-parameter-minimum-lowered'
        : tighter
          ? 'request-parameter-maximum-lowered'
          : 'request-parameter-maximum-raised';
  sink.add(rule, where, old, next, `${what} ${bound} changed from ${quote(old)} to ${quote(next)}`);
}

function compareLength(sink: ChangeSink, where: string, what: string, old: ApiSchema, next: ApiSchema) {
  const oldMin = readNumber(old.minLength) ?? 0;
  const newMin = readNumber(next.minLength) ?? 0;
  const oldMax = readNumber(old.maxLength) ?? Number.POSITIVE_INFINITY;
  const newMax = readNumber(next.maxLength) ?? Number.POSITIVE_INFINITY;
  if (oldMin === newMin && oldMax === newMax) return;
  const narrowed = newMin > oldMin || newMax < oldMax;
  const show = (min: number, max: number): JsonValue => ({
    minLength: min,
    maxLength: Number.isFinite(max) ? max : null,
  });
  const text = (min: number, max: number) => `${min}..${Number.isFinite(max) ? max : '∞'}`;
  sink.add(
    narrowed ? 'request-parameter-length-narrowed' : 'request-parameter-length-widened',
    where,
    show(oldMin, oldMax),
    show(newMin, newMax),
    `${what} length changed from ${text(oldMin, oldMax)} to ${text(newMin, newMax)}`,
  );
}
