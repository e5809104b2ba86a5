import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generateSpec } from './generate-spec.js';
import { translatePattern } from './pattern.js';
import { serializeSpec } from './serialize.js';
import { FIXTURES, fixture } from './test-support/fixtures.js';
import type { OpenApiDocument } from './types.js';

type Raw = Record<string, unknown>;
type Schema = Record<string, unknown>;

/** Every (path, method) of a tree, walked here without the generator's or core's helpers. */
function rawOperations(nodes: unknown[]): { path: string; method: string; def: Raw }[] {
  const out: { path: string; method: string; def: Raw }[] = [];
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Raw;
    for (const [method, def] of Object.entries((node.info as Raw | undefined) ?? {})) {
      out.push({ path: node.path as string, method, def: def as Raw });
    }
    stack.push(...((node.children as unknown[] | undefined) ?? []));
  }
  return out;
}

const flag = (v: unknown) => [1, true, '1', 'true', 'yes', 'on'].includes(v as never);
/** pve-common requires a property unless `optional`, or while it depends on a `type-property`. */
const requiredByProxmox = (s: Raw): boolean => !flag(s.optional) && typeof s['type-property'] !== 'string';
const rawType = (s: Raw): unknown =>
  typeof s.type === 'object' && s.type !== null ? (s.type as Raw).type : s.type;

/** Follows `$ref` and a 3.0 `allOf: [$ref]` wrapper; returns the schema and its siblings merged. */
function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  let out = schema;
  for (let i = 0; i < 4; i++) {
    const wrapped = Array.isArray(out.allOf) && out.allOf.length === 1 ? (out.allOf[0] as Schema) : undefined;
    const ref = (wrapped?.$ref ?? out.$ref) as string | undefined;
    if (!ref) break;
    const { $ref: _r, allOf: _a, ...siblings } = out;
    out = { ...schemas[ref.split('/').pop() as string], ...siblings };
  }
  return out;
}

interface Tally {
  checked: number;
}

/** Asserts that an emitted schema keeps every constraint of the raw Proxmox schema, recursively. */
function assertKept(
  doc: OpenApiDocument,
  raw: Raw,
  emitted: Schema,
  where: string,
  api: string,
  tally: Tally,
): void {
  tally.checked++;
  const out = resolve(doc, emitted);
  const type = rawType(raw);
  if (type === 'boolean') {
    expect(JSON.stringify(emitted), where).toContain('#/components/schemas/ProxmoxBoolean');
    const known = [0, 1, true, false, '0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'];
    if (known.includes(raw.default as never)) expect(out.default, where).toBe(flag(raw.default));
    else if (raw.default !== undefined && raw.default !== null)
      expect(out['x-proxmox-default'], where).toBe(raw.default);
    return;
  }
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength']) {
    if (raw[key] !== undefined) expect(out[key], `${where} ${key}`).toBe(Number(raw[key]));
  }
  if (Array.isArray(raw.enum)) {
    const typed = raw.enum.map((v) =>
      type === 'integer' || type === 'number' ? Number(v) : type === 'string' ? String(v) : v,
    );
    expect(out.enum, `${where} enum`).toEqual([...new Set(typed)]);
  }
  if (typeof out['x-proxmox-default-invalid'] === 'string') {
    // A default that fails its own schema is kept aside, as the server declares it.
    expect(out.default, where).toBeUndefined();
    expect(out['x-proxmox-default'], where).toBe(raw.default);
  } else if (raw.default !== undefined && (type === 'integer' || type === 'number')) {
    if (Number.isNaN(Number(raw.default))) expect(out['x-proxmox-default'], where).toBe(raw.default);
    else expect(out.default, where).toBe(Number(raw.default));
  }
  if (
    raw.default !== undefined &&
    raw.default !== null &&
    type === 'string' &&
    out['x-proxmox-default-invalid'] === undefined
  ) {
    expect(out.default, where).toBe(String(raw.default));
  }
  if (typeof raw.pattern === 'string') {
    const translated = translatePattern(raw.pattern, api === 'pve' ? 'perl' : 'rust-literal');
    expect(translated.ok && out.pattern === translated.pattern, `${where} pattern`).toBe(true);
  }
  if (typeof raw.format === 'string') expect(out.format, `${where} format`).toBe(raw.format);
  if (typeof raw.format === 'object' && raw.format !== null) {
    expect(out.type, where).toBe('string');
    expect(out['x-proxmox-format'], `${where} property string`).toBeDefined();
  }
  if (typeof raw.title === 'string') expect(out.title, where).toBe(raw.title);
  if (typeof raw.description === 'string')
    expect(String(out.description), where).toContain(raw.description.trim().slice(0, 30));
  if (typeof raw.typetext === 'string') expect(out['x-proxmox-typetext'], where).toBe(raw.typetext);
  if (raw.properties && typeof raw.properties === 'object') {
    const props = (out.properties ?? {}) as Record<string, Schema>;
    for (const [name, sub] of Object.entries(raw.properties as Record<string, Raw>)) {
      if (/^\{.+\}$/.test(name)) {
        const inner = (type === 'array' ? out.items : out.additionalProperties) as Schema;
        assertKept(doc, sub, inner, `${where}.${name}`, api, tally);
      } else if (name.endsWith('[n]')) {
        const base = name.slice(0, -3);
        expect(props[`${base}0`], `${where}.${base}0`).toBeDefined();
        assertKept(doc, sub, props[`${base}0`] as Schema, `${where}.${base}0`, api, tally);
      } else {
        expect(props[name], `${where}.${name}`).toBeDefined();
        assertKept(doc, sub, props[name] as Schema, `${where}.${name}`, api, tally);
        const required = ((out.required as string[] | undefined) ?? []).includes(name);
        expect(required, `${where}.${name} required`).toBe(requiredByProxmox(sub));
      }
    }
  }
  if (raw.items && typeof raw.items === 'object' && type === 'array') {
    assertKept(doc, raw.items as Raw, out.items as Schema, `${where}[]`, api, tally);
  }
}

describe.each(FIXTURES.map((f) => [f.file, f.api]))('the real fixture %s', (file, api) => {
  const { tree, target } = fixture(file, api);
  const ops = rawOperations(tree);
  const docs = {
    '3.0': generateSpec(tree, { target }),
    '3.1': generateSpec(tree, { target, openapi: '3.1' }),
  };

  it.each(['3.0', '3.1'] as const)('has every operation at its exact path (%s)', (version) => {
    const doc = docs[version];
    for (const { path, method } of ops)
      expect(doc.paths[path]?.[method.toLowerCase()], `${method} ${path}`).toBeDefined();
    const emitted = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(emitted).toBe(ops.length);
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((o) => (o as Schema).operationId),
    );
    expect(new Set(ids).size).toBe(ops.length);
  });

  it.each(['3.0', '3.1'] as const)(
    'has every parameter in its place with its constraints (%s)',
    (version) => {
      const doc = docs[version];
      const tally = { checked: 0 };
      let expected = 0;
      for (const { path, method, def } of ops) {
        const where = `${method} ${path}`;
        const op = doc.paths[path]?.[method.toLowerCase()] as Schema;
        const params = (op.parameters ?? []) as Schema[];
        const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
        for (const name of placeholders) {
          expect(
            params.find((p) => p.name === name && p.in === 'path' && p.required === true),
            `${where} {${name}}`,
          ).toBeDefined();
        }
        const properties = ((def.parameters as Raw | undefined)?.properties ?? {}) as Record<string, Raw>;
        const bodyRef = (op.requestBody as { content: Record<string, { schema: Schema }> } | undefined)
          ?.content['application/x-www-form-urlencoded']?.schema;
        const body = bodyRef ? resolve(doc, bodyRef) : undefined;
        for (const [name, raw] of Object.entries(properties)) {
          expected++;
          const base = name.endsWith('[n]') ? name.slice(0, -3) : undefined;
          const realName = base === undefined ? name : `${base}0`;
          let emitted: Schema | undefined;
          let required: boolean | undefined;
          if (placeholders.includes(name)) {
            const param = params.find((p) => p.name === name && p.in === 'path');
            emitted = { ...(param?.schema as Schema), description: param?.description };
            required = true;
          } else if (method === 'GET' || method === 'DELETE') {
            const param = params.find((p) => p.name === realName && p.in === 'query');
            emitted = param && { ...(param.schema as Schema), description: param.description };
            required = param?.required as boolean;
            expect(body, where).toBeUndefined();
          } else {
            emitted = (body?.properties as Record<string, Schema> | undefined)?.[realName];
            required = ((body?.required as string[] | undefined) ?? []).includes(realName);
            expect(
              params.find((p) => p.name === realName && p.in === 'query'),
              `${where} ${name} not in query`,
            ).toBeUndefined();
          }
          expect(emitted, `${where} parameter ${name}`).toBeDefined();
          // A path parameter is always required (PBS marks some optional); elsewhere `optional` decides.
          if (base === undefined && !placeholders.includes(name)) {
            expect(required, `${where} ${name} required`).toBe(requiredByProxmox(raw));
          }
          assertKept(doc, raw, emitted as Schema, `${where} ${name}`, api, tally);
        }
      }
      expect(expected).toBeGreaterThan(1000);
      expect(tally.checked).toBeGreaterThanOrEqual(expected);
    },
  );

  it('keeps the constraints of every result inside the {data} envelope', () => {
    const doc = docs['3.0'];
    const tally = { checked: 0 };
    for (const { path, method, def } of ops) {
      const op = doc.paths[path]?.[method.toLowerCase()] as { responses: Record<string, Schema> };
      const content = (op.responses['200']?.content ?? {}) as Record<string, { schema: Schema }>;
      if (flag(def.download_allowed) && content['application/json'] === undefined) {
        // A file is all it sends (`download_allowed` with a result of any value).
        expect(Object.keys(content), `${method} ${path}`).toEqual(['application/octet-stream']);
        expect([undefined, 'any']).toContain((def.returns as Raw | undefined)?.type);
        continue;
      }
      const envelope = content['application/json']?.schema ?? {};
      expect(envelope.required, `${method} ${path}`).toEqual(['data']);
      const data = (envelope.properties as Record<string, Schema>).data as Schema;
      if (def.returns) assertKept(doc, def.returns as Raw, data, `${method} ${path} returns`, api, tally);
    }
    expect(tally.checked).toBeGreaterThan(ops.length);
  });

  it('emits no [n] names and only patterns that compile with the u flag', () => {
    for (const doc of Object.values(docs)) {
      let patterns = 0;
      // Collected, then asserted once: an expect() per key of a 4 MB document costs seconds.
      const indexedNames: string[] = [];
      const broken: string[] = [];
      JSON.stringify(doc, (key, value) => {
        if (key.includes('[n]')) indexedNames.push(key);
        if (key === 'pattern' && typeof value === 'string') {
          patterns++;
          try {
            new RegExp(value, 'u');
          } catch (error) {
            broken.push(`${value}: ${(error as Error).message}`);
          }
        }
        return value;
      });
      expect(indexedNames).toEqual([]);
      expect(broken).toEqual([]);
      expect(patterns).toBeGreaterThan(100);
    }
  });

  it('serializes to identical bytes twice, and the YAML parses back to the same object', () => {
    const first = serializeSpec(docs['3.0']);
    const second = serializeSpec(generateSpec(fixture(file, api).tree, { target }));
    expect(second.json).toBe(first.json);
    expect(second.yaml).toBe(first.yaml);
    expect(first.json.endsWith('}\n')).toBe(true);
    expect(first.json.startsWith('{\n  "openapi": "3.0.3",\n')).toBe(true);
    expect(load(first.yaml)).toEqual(JSON.parse(first.json));
  });
});
