import type { ApiSchema } from '@proxmox-openapi/core';
import { toEnum, toFlag, toLength, toNumber, toTypedValue } from './normalize.js';
import { type PatternDialect, translatePattern } from './pattern.js';
import type { OpenApiSchema } from './types.js';

/**
 * Property strings: a parameter whose `format` is an object is a string on the wire made of
 * `key=value` pairs (`virtio=AA:BB:…,bridge=vmbr0,firewall=1`) or, in PBS, a list. OpenAPI cannot
 * describe the inside of a string, so the keys go into the `x-proxmox-format` extension in one
 * normalized, machine-readable shape for both products, and into the description for people:
 *
 * ```yaml
 * x-proxmox-format:
 *   kind: key-value          # or "list" (PBS: values separated by commas/semicolons)
 *   defaultKey: model        # the key that may be written without "key="
 *   keys:                    # kind key-value: each key's schema, dirty values normalized
 *     model: { type: string, optional: false, enum: [...], description: ... }
 *   items: { ... }           # kind list: the schema of one item
 * ```
 */

/** The cleaned extension and the text to append to the description. */
export interface PropertyStringDescription {
  extension: OpenApiSchema;
  text: string;
}

/** Whether a `format` value is a property string (an object) rather than a format name. */
export function isPropertyString(format: unknown): format is Record<string, unknown> {
  return typeof format === 'object' && format !== null && !Array.isArray(format);
}

/** Resolves a Proxmox `type`, including PBS's `type` given as an object. */
export function resolveType(schema: ApiSchema): string | undefined {
  let type: unknown = schema.type;
  for (let depth = 0; depth < 8 && typeof type === 'object' && type !== null; depth++) {
    type = (type as ApiSchema).type;
  }
  if (typeof type === 'string') return type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

/** A Proxmox schema with its dirty values normalized, keeping Proxmox's own keywords. */
export function cleanProxmoxSchema(raw: unknown, dialect: PatternDialect): OpenApiSchema {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const schema = raw as ApiSchema;
  const type = resolveType(schema);
  const out: OpenApiSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'type':
        if (type !== undefined) out.type = type;
        break;
      case 'optional':
        out.optional = toFlag(value) ?? false;
        break;
      case 'default':
        if (toTypedValue(value, type) !== undefined) out.default = toTypedValue(value, type);
        break;
      case 'enum':
        if (toEnum(value, type)) out.enum = toEnum(value, type);
        break;
      case 'minimum':
      case 'maximum':
      case 'min':
      case 'max':
        if (toNumber(value) !== undefined) out[key] = toNumber(value);
        break;
      case 'minLength':
      case 'maxLength':
        if (toLength(value) !== undefined) out[key] = toLength(value);
        break;
      case 'default_key':
        out.default_key = toFlag(value) ?? value;
        break;
      case 'pattern': {
        const translated = typeof value === 'string' ? translatePattern(value, dialect) : undefined;
        if (translated?.ok) {
          out.pattern = translated.pattern;
          if (translated.unsafe !== undefined) out.pattern_unsafe = translated.unsafe;
        } else out.pattern_original = value;
        break;
      }
      case 'items':
        out.items = cleanProxmoxSchema(value, dialect);
        break;
      case 'properties':
        out.properties = Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([k, v]) => [
            k,
            cleanProxmoxSchema(v, dialect),
          ]),
        );
        break;
      case 'format':
        out.format = isPropertyString(value) ? describePropertyString(value, dialect).extension : value;
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

function keyLine(name: string, key: OpenApiSchema, defaultKey: string | undefined): string {
  const facts: string[] = [];
  if (typeof key.keyAlias === 'string' && typeof key.alias === 'string') {
    // PVE: `virtio=AA:BB:…` is short for `model=virtio,macaddr=AA:BB:…`.
    facts.push(`\`${name}=<value>\` is short for \`${key.keyAlias}=${name},${key.alias}=<value>\``);
  } else if (typeof key.alias === 'string') facts.push(`alias of \`${key.alias}\``);
  else if (typeof key.keyAlias === 'string') facts.push(`sets \`${key.keyAlias}\``);
  if (name === defaultKey) facts.push('default key');
  if (Array.isArray(key.enum)) facts.push(`one of ${key.enum.join(', ')}`);
  else if (typeof key.format === 'string') facts.push(key.format);
  else if (typeof key.type === 'string') facts.push(key.type);
  if (key.optional === false && key.alias === undefined) facts.push('required');
  if (key.default !== undefined) facts.push(`default ${JSON.stringify(key.default)}`);
  const text = typeof key.description === 'string' ? `: ${key.description.replace(/\s*\n\s*/g, ' ')}` : '';
  return `- \`${name}\` (${facts.join('; ')})${text}`;
}

/** The extension and the readable text of a property string's `format`. */
export function describePropertyString(
  format: Record<string, unknown>,
  dialect: PatternDialect,
): PropertyStringDescription {
  const extension: OpenApiSchema = {};
  let keys: Record<string, OpenApiSchema> | undefined;
  let defaultKey: string | undefined;
  // PBS writes the format as a schema (`type` is a string); PVE as a map of key → schema.
  if (typeof format.type === 'string') {
    const cleaned = cleanProxmoxSchema(format, dialect);
    if (cleaned.type === 'array') {
      extension.kind = 'list';
      extension.items = cleaned.items ?? {};
      for (const k of ['minLength', 'maxLength', 'description'] as const) {
        if (cleaned[k] !== undefined) extension[k] = cleaned[k];
      }
    } else {
      extension.kind = 'key-value';
      keys = (cleaned.properties as Record<string, OpenApiSchema> | undefined) ?? {};
      for (const key of Object.values(keys)) key.optional ??= false;
      if (typeof cleaned.default_key === 'string') defaultKey = cleaned.default_key;
      if (cleaned.description !== undefined) extension.description = cleaned.description;
      if (cleaned.additionalProperties !== undefined) {
        extension.additionalKeys = toFlag(cleaned.additionalProperties) ?? cleaned.additionalProperties;
      }
    }
  } else {
    extension.kind = 'key-value';
    keys = {};
    for (const [name, value] of Object.entries(format)) {
      const cleaned = cleanProxmoxSchema(value, dialect);
      if (cleaned.default_key === true) defaultKey = name;
      delete cleaned.default_key;
      cleaned.optional ??= false;
      keys[name] = cleaned;
    }
  }
  if (defaultKey !== undefined) extension.defaultKey = defaultKey;
  if (keys) extension.keys = keys;

  const lines: string[] = [];
  if (keys) {
    lines.push('Property string of comma-separated `key=value` pairs with the keys:');
    for (const [name, key] of Object.entries(keys)) lines.push(keyLine(name, key, defaultKey));
  } else {
    const items = extension.items as OpenApiSchema;
    const what = Array.isArray(items.enum)
      ? `one of ${items.enum.join(', ')}`
      : String(items.type ?? 'value');
    lines.push(`Property string: a list of ${what}, separated by commas or semicolons.`);
  }
  return { extension, text: lines.join('\n') };
}
