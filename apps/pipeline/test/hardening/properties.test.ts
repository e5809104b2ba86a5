import { parseApidoc } from '@proxmox-openapi/apidoc-fetch';
import { type ApiTree, getApiTarget, ParseError } from '@proxmox-openapi/core';
import { generateSpec, serializeSpec } from '@proxmox-openapi/spec-generate';
import { loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import { validateSpec } from '@proxmox-openapi/validate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cell, record } from './support/record.js';

/*
 * Property tests across the stages. The parser's own properties (a: any JSON array in any
 * framing with any trailing JavaScript reads back as exactly that array; c: any byte string
 * parses or throws ParseError) live beside the parser in
 * packages/apidoc-fetch/src/parse-apidoc.property.test.ts; here (a) and (c) are extended to
 * what the pipeline feeds the parser (real subtrees, gzip-less bytes with a BOM), and (b) is new:
 * random ApiTrees built from every schema keyword of the real fixtures, with values taken from
 * the fixtures, go through generate → validate with no coverage error, deterministically.
 */

// Sized for CI; PROXMOX_OPENAPI_FUZZ_RUNS=200 (or more) for a longer hunt.
const RUNS = Number(process.env.PROXMOX_OPENAPI_FUZZ_RUNS ?? 20);
const timeout = 60_000 + RUNS * 5_000;

type Schema = Record<string, unknown>;

/** Every schema object below a method's parameters and returns, in every fixture. */
function fixtureSchemas(): Schema[] {
  const schemas: Schema[] = [];
  const files = [
    'pve-apidoc-2026-08-16.json.gz',
    'pbs-apidoc-2026-08-16.json.gz',
    'pve-apidoc-2025-06-10.json.gz',
    'pbs-apidoc-2025-06-10.json.gz',
  ];
  for (const file of files) {
    const nodes = [...(loadFixtureTree(file) as Schema[])];
    while (nodes.length > 0) {
      const node = nodes.pop() as Schema;
      nodes.push(...((node.children as Schema[] | undefined) ?? []));
      for (const method of Object.values((node.info as Record<string, Schema> | undefined) ?? {})) {
        const stack: unknown[] = [method.parameters, method.returns];
        while (stack.length > 0) {
          const value = stack.pop();
          if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
          const schema = value as Schema;
          schemas.push(schema);
          for (const key of ['properties', 'format']) {
            const inner = schema[key];
            if (inner && typeof inner === 'object') stack.push(...Object.values(inner as Schema));
          }
          for (const key of ['items', 'additionalProperties']) stack.push(schema[key]);
          if (Array.isArray(schema.oneOf)) stack.push(...schema.oneOf);
        }
      }
    }
  }
  return schemas;
}

const SCHEMAS = fixtureSchemas();
/**
 * Every keyword that the schemas of the fixtures use, with up to 40 of its real values. A key
 * seen in fewer than 10 schemas is a data key of an odd PBS schema, not a keyword.
 */
const VALUES = new Map<string, unknown[]>();
const USES = new Map<string, number>();
for (const schema of SCHEMAS) {
  for (const [key, value] of Object.entries(schema)) {
    USES.set(key, (USES.get(key) ?? 0) + 1);
    const seen = VALUES.get(key) ?? [];
    if (seen.length < 40 && !seen.some((v) => JSON.stringify(v) === JSON.stringify(value))) seen.push(value);
    VALUES.set(key, seen);
  }
}
// The keywords that shared/fixtures/README.md lists for these files (some are rare, e.g. oneOf).
const DOCUMENTED = [
  ...['type', 'description', 'optional', 'typetext', 'format', 'properties', 'default', 'minimum'],
  ...['maximum', 'additionalProperties', 'format_description', 'enum', 'maxLength', 'minLength', 'items'],
  ...['pattern', 'alias', 'links', 'verbose_description', 'default_key', 'renderer', 'title', 'keyAlias'],
  ...['requires', 'instance-types', 'type-property', 'oneOf'],
];
const KEYWORDS = [...VALUES.keys()]
  .filter((key) => (USES.get(key) ?? 0) >= 10 || DOCUMENTED.includes(key))
  .sort();
const NESTED = new Set(['properties', 'items', 'oneOf', 'additionalProperties']);
const FLAT_KEYWORDS = KEYWORDS.filter((key) => !NESTED.has(key) && key !== 'type');
const TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null', 'any'] as const;
const NAME = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);

/** A flat schema: a type and any subset of the flat keywords, each with a real value. */
const leafArb = fc
  .record({
    type: fc.constantFrom(...TYPES),
    flat: fc.subarray(FLAT_KEYWORDS, { maxLength: 6 }),
    seed: fc.nat(),
  })
  .map(({ type, flat, seed }) => {
    const schema: Schema = { type };
    for (const [i, key] of flat.entries()) {
      const values = VALUES.get(key) ?? [];
      schema[key] = values[(seed + i * 7) % values.length];
    }
    return schema;
  });

/** A schema with nested schemas (properties, items, additionalProperties, oneOf), two levels at most. */
const schemaArb = fc.letrec<{ schema: Schema }>((tie) => ({
  schema: fc.oneof(
    { maxDepth: 2, depthIdentifier: 'schema', withCrossShrink: true },
    leafArb,
    fc
      .record({
        leaf: leafArb,
        properties: fc.dictionary(NAME, tie('schema'), { maxKeys: 3 }),
        items: tie('schema'),
        oneOf: fc.array(tie('schema'), { minLength: 2, maxLength: 2 }),
        additionalProperties: fc.oneof(fc.constantFrom(0, 1), tie('schema')),
        pick: fc.nat(3),
      })
      .map(({ leaf, properties, items, oneOf, additionalProperties, pick }) => {
        if (pick === 0) return { ...leaf, type: 'object', properties, additionalProperties };
        if (pick === 1) return { ...leaf, type: 'array', items };
        if (pick === 2) return { ...leaf, oneOf };
        return { ...leaf, type: 'object', properties };
      }),
  ),
})).schema;

const methodArb = (path: string, verb: string) =>
  fc
    .record({
      properties: fc.dictionary(NAME, schemaArb, { maxKeys: 4 }),
      returns: schemaArb,
      description: fc.string({ maxLength: 40 }),
      flags: fc.subarray(['protected', 'allowtoken', 'proxyto'], { maxLength: 2 }),
    })
    .map(({ properties, returns, description, flags }) => {
      const templates = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
      const params: Record<string, Schema> = { ...properties };
      for (const name of templates) params[name] = { type: 'string', description: `The ${name}.` };
      const method: Schema = {
        method: verb,
        name: `op${verb}`,
        description,
        parameters: { type: 'object', additionalProperties: 0, properties: params },
        returns,
        permissions: { user: 'all' },
      };
      for (const flag of flags) method[flag] = flag === 'proxyto' ? 'node' : 1;
      return method;
    });

/** A tree of one to three top-level nodes, some with a templated child, with random methods. */
const treeArb: fc.Arbitrary<ApiTree> = fc
  .uniqueArray(NAME, { minLength: 1, maxLength: 3 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) => {
        const path = `/${name}`;
        const child = `${path}/{${name}id}`;
        return fc
          .record({
            top: fc.subarray(['GET', 'POST'], { minLength: 1 }),
            inner: fc.subarray(['GET', 'PUT', 'DELETE']),
          })
          .chain(({ top, inner }) =>
            fc
              .record({
                topMethods: fc.tuple(...top.map((verb) => methodArb(path, verb))),
                innerMethods: fc.tuple(...inner.map((verb) => methodArb(child, verb))),
              })
              .map(({ topMethods, innerMethods }) => ({
                path,
                text: name,
                leaf: 0,
                info: Object.fromEntries(top.map((verb, i) => [verb, topMethods[i]])),
                children: [
                  {
                    path: child,
                    text: `{${name}id}`,
                    leaf: 1,
                    info: Object.fromEntries(inner.map((verb, i) => [verb, innerMethods[i]])),
                  },
                ],
              })),
          );
      }),
    ),
  )
  .map((nodes) => JSON.parse(JSON.stringify(nodes)) as ApiTree);

describe('property (b): random trees from the fixtures’ keywords through generate → validate', () => {
  it('use every schema keyword of the fixtures', (context) => {
    record(context, {
      category: 'property',
      case: '(b) keywords drawn from the fixtures',
      expected: 'every keyword the README lists',
      produced: cell(
        `${KEYWORDS.length} keywords from ${SCHEMAS.length} schemas: ${KEYWORDS.join(', ')}`,
        400,
      ),
    });
    // Each documented keyword really occurs in the fixtures, so the trees below draw real values.
    for (const key of DOCUMENTED) expect(USES.get(key) ?? 0, key).toBeGreaterThan(0);
  });

  it('give no coverage error and the same bytes twice', { timeout }, async (context) => {
    let trees = 0;
    let operations = 0;
    const otherErrors = new Map<string, number>();
    const target = getApiTarget('pve');
    await fc.assert(
      fc.asyncProperty(treeArb, async (tree) => {
        const first = serializeSpec(generateSpec(structuredClone(tree), { target }));
        const second = serializeSpec(generateSpec(structuredClone(tree), { target }));
        expect(second.json).toBe(first.json);
        expect(second.yaml).toBe(first.yaml);
        const report = await validateSpec(JSON.parse(first.json) as object, {
          apidoc: tree,
          yaml: first.yaml,
        });
        const coverage = report.errors.filter((e) => e.rule.startsWith('coverage'));
        expect(coverage.map((e) => e.message)).toEqual([]);
        for (const e of report.errors) otherErrors.set(e.rule, (otherErrors.get(e.rule) ?? 0) + 1);
        trees++;
        operations += report.operations;
      }),
      { numRuns: RUNS },
    );
    record(context, {
      category: 'property',
      case: `(b) ${RUNS} random trees: generate twice, validate`,
      expected: '0 coverage errors, identical JSON and YAML',
      produced: cell(
        `${trees} trees, ${operations} operations; coverage errors 0; other rules: ${
          [...otherErrors].map(([rule, n]) => `${rule} ×${n}`).join(', ') || 'none'
        }`,
        200,
      ),
    });
    expect(trees).toBe(RUNS);
  });
});

describe('properties (a) and (c), extended to what the pipeline feeds the parser', () => {
  it('(a) any real subtree, in any framing, behind a BOM, reads back as exactly that tree', (context) => {
    // The top-level subtrees of one schema: their paths never collide.
    const pool = loadFixtureTree('pve-apidoc-2026-08-16.json.gz') as Schema[];
    let runs = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...pool.keys()), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('json', 'const', 'var', 'let'),
        fc.boolean(),
        fc.constantFrom(0, 2, 3),
        fc.string(),
        (picks, framing, bom, indent, trailing) => {
          const tree = picks.map((i) => pool[i]);
          const json = JSON.stringify(tree, null, indent);
          const safeTail = `// ${trailing.replace(/[\r\n\u2028\u2029]/g, ' ')}\nvar x = "]";\n`;
          const text = framing === 'json' ? json : `${framing} apiSchema = ${json};\n${safeTail}`;
          const parsed = parseApidoc(Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf8'));
          expect(parsed).toEqual(tree);
          runs++;
        },
      ),
      { numRuns: RUNS * 4 },
    );
    record(context, {
      category: 'property',
      case: `(a) ${runs} sets of real subtrees, 4 framings, BOM or not`,
      expected: 'the same tree back',
      produced: `${runs} of ${runs} equal`,
    });
  });

  it('(c) any bytes, also inside a declaration, parse or throw ParseError, nothing else', (context) => {
    let parsed = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom('', 'const apiSchema = [', 'var apiSchema = [{"path": "/x", "text": "', '\uFEFF['),
        (bytes, prefix) => {
          const input = Buffer.concat([Buffer.from(prefix, 'utf8'), bytes]);
          try {
            parseApidoc(input);
            parsed++;
          } catch (error) {
            expect(error).toBeInstanceOf(ParseError);
            expect((error as Error).message.split('\n')).toHaveLength(1);
            refused++;
          }
        },
      ),
      { numRuns: RUNS * 50 },
    );
    record(context, {
      category: 'property',
      case: `(c) ${parsed + refused} byte strings behind 4 prefixes`,
      expected: 'parsed, or ParseError on one line',
      produced: `${parsed} parsed, ${refused} ParseError, 0 other`,
    });
  });
});
