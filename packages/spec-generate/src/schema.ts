import type { ApiSchema } from '@proxmox-openapi/core';
import { BOOLEAN_SCHEMA, booleanSchema } from './boolean.js';
import { type ComponentSchemas, pascalCase, schemaRef } from './components.js';
import { expandIndexedName, indexRange } from './indexed.js';
import { extensionName, toEnum, toFlag, toLength, toNumber, toTypedValue } from './normalize.js';
import { setOwn } from './own-property.js';
import { type PatternDialect, translatePattern } from './pattern.js';
import { describePropertyString, isPropertyString, resolveType } from './property-string.js';
import type { OpenApiSchema, OpenApiVersion } from './types.js';

/** What schema conversion needs to know about the document it writes into. */
export interface SchemaContext {
  version: OpenApiVersion;
  dialect: PatternDialect;
  components: ComponentSchemas;
  /** The start of component names created here (the operation, and request or response). */
  namePrefix: string;
}

/** Keywords that conversion maps itself; every other keyword becomes an `x-proxmox-*` extension. */
const MAPPED = new Set([
  'type',
  'description',
  'verbose_description',
  'title',
  'optional',
  'properties',
  'items',
  'additionalProperties',
  'format',
  'enum',
  'default',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'oneOf',
]);

const KNOWN_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object', 'null', 'any']);

/** Merges PBS's `type`-as-object into the schema: the inner keywords fill what the outer lacks. */
function flattenType(schema: ApiSchema): ApiSchema {
  let out = schema;
  for (let depth = 0; depth < 8 && typeof out.type === 'object' && out.type !== null; depth++) {
    const inner = out.type as ApiSchema;
    out = { ...inner, ...out, type: inner.type };
  }
  return out;
}

/**
 * PVE declares at least one object result with `items` instead of `properties`
 * (`GET /nodes/{node}/ceph/osd`: `{type: object, items: {type: object, properties: …}}`, while
 * the server answers one object): the `items` schema then describes the object itself.
 */
function objectWithItems(schema: ApiSchema): ApiSchema {
  const items = schema.items;
  if (
    schema.type !== 'object' ||
    schema.properties !== undefined ||
    typeof items !== 'object' ||
    items === null
  ) {
    return schema;
  }
  if (resolveType(items) !== 'object') return schema;
  const { items: _, ...rest } = schema;
  return { ...items, ...rest, type: 'object', properties: items.properties ?? {} };
}

/** The description, with `verbose_description` when it says more. */
export function describe(schema: ApiSchema): string | undefined {
  const short = typeof schema.description === 'string' ? schema.description : undefined;
  const verbose = typeof schema.verbose_description === 'string' ? schema.verbose_description : undefined;
  if (!verbose) return short;
  if (!short || verbose.startsWith(short.replace(/\.$/, ''))) return verbose;
  return `${short}\n\n${verbose}`;
}

function appendDescription(out: OpenApiSchema, text: string): void {
  out.description =
    typeof out.description === 'string' && out.description !== '' ? `${out.description}\n\n${text}` : text;
}

/**
 * Whether an object property is required: Proxmox marks the others `optional`. A property that
 * depends on a sibling (`type-property`, with `instance-types` or a `oneOf` of variants) is never
 * required as a whole: pve-common's `check_object` treats it as optional while no type is given,
 * and then applies only the chosen variant's `optional`, which one schema cannot say.
 */
export function isRequired(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  const raw = schema as ApiSchema;
  if (typeof raw['type-property'] === 'string') return false;
  return toFlag(raw.optional) !== true;
}

/** The values of the type property for which a `oneOf` variant is required (not `optional`). */
function requiredForTypes(variants: unknown[]): string[] {
  const types: string[] = [];
  for (const variant of variants) {
    if (typeof variant !== 'object' || variant === null) continue;
    const v = variant as ApiSchema;
    if (toFlag(v.optional) === true || !Array.isArray(v['instance-types'])) continue;
    types.push(...(v['instance-types'] as unknown[]).map(String));
  }
  return types;
}

/**
 * One property of an object, or the real names of an indexed one: `net[n]` becomes `net0` …
 * `net31`, all pointing to one component schema that keeps the range in `x-proxmox-indexed`.
 */
export function convertProperties(
  properties: Record<string, unknown>,
  ctx: SchemaContext,
): { properties: Record<string, OpenApiSchema>; required: string[] } {
  const out: Record<string, OpenApiSchema> = {};
  const required: string[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    const range = indexRange(name, raw as ApiSchema);
    if (range) {
      const schema = convertSchema(raw, ctx);
      schema['x-proxmox-indexed'] = { name, min: range.min, max: range.max, source: range.source };
      const ref = schemaRef(ctx.components.add(`${ctx.namePrefix}${pascalCase(range.base)}`, schema));
      for (const real of expandIndexedName(range)) if (!(real in properties)) setOwn(out, real, ref);
      continue;
    }
    setOwn(out, name, convertSchema(raw, ctx));
    if (isRequired(raw)) required.push(name);
  }
  return { properties: out, required };
}

/** The real properties, and the first placeholder property (`{id}`) with its schema. */
function splitPlaceholders(properties: unknown): {
  named: Record<string, unknown> | undefined;
  placeholder: [string, unknown] | undefined;
} {
  if (typeof properties !== 'object' || properties === null)
    return { named: undefined, placeholder: undefined };
  const named: Record<string, unknown> = {};
  let placeholder: [string, unknown] | undefined;
  for (const [name, value] of Object.entries(properties)) {
    if (/^\{[^}]+\}$/.test(name)) placeholder ??= [name, value];
    else setOwn(named, name, value);
  }
  return { named, placeholder };
}

/** A `$ref` to the shared boolean schema with keywords beside it (3.0 ignores `$ref` siblings, so `allOf`). */
function booleanRef(siblings: OpenApiSchema, ctx: SchemaContext): OpenApiSchema {
  ctx.components.ensure(BOOLEAN_SCHEMA, () => booleanSchema(ctx.version));
  const ref = schemaRef(BOOLEAN_SCHEMA);
  if (Object.keys(siblings).length === 0) return ref;
  return ctx.version === '3.1' ? { ...ref, ...siblings } : { allOf: [ref], ...siblings };
}

/** A schema that only `null` satisfies. */
function nullSchema(version: OpenApiVersion): OpenApiSchema {
  // 3.0 has no null type, and `nullable` needs a `type` beside it; `enum: [null]` leaves only null.
  return version === '3.1' ? { type: 'null' } : { type: 'object', nullable: true, enum: [null] };
}

/**
 * Converts one Proxmox schema into an OpenAPI schema (3.0 or 3.1 dialect), keeping every
 * constraint, normalizing dirty values to the schema's type, translating patterns, and keeping
 * Proxmox-only keywords as `x-proxmox-*` extensions.
 */
export function convertSchema(input: unknown, ctx: SchemaContext): OpenApiSchema {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return {};
  const schema = objectWithItems(flattenType(input as ApiSchema));
  let type = resolveType(schema);
  const out: OpenApiSchema = {};
  const extensions: OpenApiSchema = {};
  if (type !== undefined && !KNOWN_TYPES.has(type)) {
    extensions['x-proxmox-type'] = type;
    type = undefined;
  }
  if (type === undefined && isPropertyString(schema.format)) type = 'string';
  // pve-common registers a format named `string` that checks a string: PVE 8.0 to 9.0 declare the
  // guest agent's `exec` `command` items with that format and no type.
  if (type === undefined && schema.format === 'string') type = 'string';

  if (typeof schema.title === 'string') out.title = schema.title;
  const description = describe(schema);
  if (description !== undefined) out.description = description;

  const defaultValue = toTypedValue(schema.default, type === 'any' ? undefined : type);
  const enumValues = toEnum(schema.enum, type === 'any' ? undefined : type);

  switch (type) {
    case 'boolean': {
      if (defaultValue !== undefined) out.default = defaultValue;
      else if (schema.default !== undefined && schema.default !== null)
        extensions['x-proxmox-default'] = schema.default;
      if (enumValues) extensions['x-proxmox-enum'] = enumValues;
      for (const [key, value] of Object.entries(schema)) {
        if (!MAPPED.has(key)) extensions[extensionName(key)] = value;
      }
      return booleanRef({ ...out, ...extensions }, ctx);
    }
    case 'null':
      Object.assign(out, nullSchema(ctx.version));
      break;
    case 'any':
    case undefined:
      break;
    default:
      out.type = type;
  }

  if (type !== 'null') {
    if (enumValues) out.enum = enumValues;
    if (defaultValue !== undefined) out.default = defaultValue;
  }
  // A default that is prose ("same as user" for an integer) cannot stand as `default`; keep it.
  if (defaultValue === undefined && schema.default !== undefined && schema.default !== null) {
    extensions['x-proxmox-default'] = schema.default;
  }
  for (const key of ['minimum', 'maximum'] as const) {
    const value = toNumber(schema[key]);
    if (value !== undefined) out[key] = value;
  }
  for (const key of ['minLength', 'maxLength'] as const) {
    const value = toLength(schema[key]);
    if (value !== undefined) out[key] = value;
  }
  if (typeof schema.pattern === 'string') {
    const translated = translatePattern(schema.pattern, ctx.dialect);
    if (translated.ok) {
      out.pattern = translated.pattern;
      // Kept, as the server checks it; flagged, so that a validator can skip or sandbox it.
      if (translated.unsafe !== undefined) extensions['x-proxmox-pattern-unsafe'] = translated.unsafe;
    } else {
      extensions['x-proxmox-pattern'] = schema.pattern;
      extensions['x-proxmox-pattern-error'] = translated.reason;
    }
  }
  if (out.default !== undefined) {
    // A default that fails its own schema (PVE's `vcpus`: default 0, minimum 1) would make
    // validators and generators reject or emit a value the server never takes as given; the
    // server's own value is kept as the extension and said in words.
    const invalid = defaultProblem(out.default, out);
    if (invalid !== undefined) {
      extensions['x-proxmox-default'] = schema.default;
      extensions['x-proxmox-default-invalid'] = invalid;
      delete out.default;
    }
  }
  if (extensions['x-proxmox-default'] !== undefined) {
    // A prose default ("cgroup v1: 1024, cgroup v2: 100") reaches readers only in the description.
    appendDescription(out, `Default: ${String(extensions['x-proxmox-default'])}.`);
  }
  if (typeof schema.format === 'string') out.format = schema.format;
  else if (isPropertyString(schema.format)) {
    const described = describePropertyString(schema.format, ctx.dialect);
    extensions['x-proxmox-format'] = described.extension;
    appendDescription(out, described.text);
  }

  // A property named like `{id}` is a placeholder for any key (PVE: Ceph metadata keyed by id).
  const { named, placeholder } = splitPlaceholders(schema.properties);
  if (type === 'array' || schema.items !== undefined) {
    // An array with a `{id}` "property" (dirty): its elements are what the placeholder describes.
    const items = schema.items ?? placeholder?.[1];
    out.items = items === undefined ? {} : convertSchema(items, ctx);
  }
  if (named && (type !== 'array' || Object.keys(named).length > 0)) {
    const { properties, required } = convertProperties(named, ctx);
    out.properties = properties;
    if (required.length > 0) out.required = required;
  }
  if (placeholder) extensions['x-proxmox-key-placeholder'] = placeholder[0];
  if (placeholder && type !== 'array') {
    out.additionalProperties = convertSchema(placeholder[1], ctx);
  } else if (schema.additionalProperties !== undefined) {
    const additional = schema.additionalProperties;
    if (typeof additional === 'object' && additional !== null) {
      out.additionalProperties = convertSchema(additional, ctx);
    } else {
      const flag = toFlag(additional);
      if (flag !== undefined) out.additionalProperties = flag;
    }
  }
  const closed = out.additionalProperties === undefined || out.additionalProperties === false;
  if (type === 'object' && closed && isEmpty(out.properties)) {
    // An object whose keys the apidoc does not list is open in Proxmox (an index entry, a config
    // section, a status hash); without this, generators type it as an object that holds nothing.
    // PBS even closes one (`additionalProperties: false` on the zpool vdev tree) that the server
    // fills: the declared value is kept as an extension, the server's behaviour wins.
    if (out.additionalProperties === false) extensions['x-proxmox-additional-properties'] = false;
    out.additionalProperties = true;
  }
  if (Array.isArray(schema.oneOf)) {
    // Proxmox picks the variant by a sibling property (`type-property`), not by the value, so
    // variants may overlap; `anyOf` accepts a value that is valid for at least one of them.
    out.anyOf = schema.oneOf.map((variant) => convertSchema(variant, ctx));
    const property = schema['type-property'];
    const requiredFor = requiredForTypes(schema.oneOf);
    if (typeof property === 'string' && requiredFor.length > 0) {
      appendDescription(out, `Required when \`${property}\` is ${requiredFor.join(' or ')}.`);
    }
  }
  const instanceTypes = schema['instance-types'];
  if (Array.isArray(instanceTypes) && typeof schema['type-property'] === 'string') {
    appendDescription(out, `Only for \`${schema['type-property']}\` ${instanceTypes.join(' or ')}.`);
  }
  for (const [key, value] of Object.entries(schema)) {
    if (!MAPPED.has(key)) extensions[extensionName(key)] = value;
  }
  if ((type === 'any' || type === undefined) && isAnyValue(out)) {
    // `type: any` or no schema at all (`returns: {}`): say in words that any value may come.
    appendDescription(out, ANY_VALUE);
  }
  return Object.assign(out, extensions);
}

/** Why a default fails the constraints of its own schema; `undefined` when it does not. */
export function defaultProblem(value: unknown, schema: OpenApiSchema): string | undefined {
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return 'not one of the enum values';
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      return `below the minimum ${schema.minimum}`;
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      return `above the maximum ${schema.maximum}`;
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength)
      return `shorter than ${schema.minLength}`;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      return `longer than ${schema.maxLength}`;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      return 'not matching the pattern';
  }
  return undefined;
}

/** The sentence that marks an explicit any-value schema. */
export const ANY_VALUE = 'Any JSON value: Proxmox declares no type for it.';

function isEmpty(properties: unknown): boolean {
  return (
    properties === undefined ||
    (typeof properties === 'object' && properties !== null && Object.keys(properties).length === 0)
  );
}

/** Whether a converted schema constrains nothing (only annotations such as `title` or `description`). */
function isAnyValue(out: OpenApiSchema): boolean {
  return Object.keys(out).every((key) => key === 'title' || key === 'description');
}
