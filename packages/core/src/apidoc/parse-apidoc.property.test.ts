import assert from 'node:assert/strict';
import { VIEWER_TAIL } from '@proxmox-openapi/test-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../errors.js';
import { extractApidocArray } from './extract-array.js';
import { parseApidoc } from './parse-apidoc.js';

// Sized for CI; PROPERTY_RUNS=10000 for a longer hunt.
const numRuns = Number(process.env.PROPERTY_RUNS ?? 300);
// Larger run counts need more than the default 30 s per test.
const timeout = 30_000 + numRuns * 40;

/** A JSON text of a value in one of the indentations seen in the real files (or none). */
const jsonText = (value: unknown) =>
  fc.constantFrom(0, 2, 3, '\t').map((indent) => JSON.stringify(value, null, indent));

/** JavaScript-looking text that follows the array: fragments a naive scanner trips on, or noise. */
const trailingJs = fc.oneof(
  fc.constant(''),
  fc.constant(VIEWER_TAIL),
  fc.string({ unit: 'binary' }),
  fc
    .array(
      fc.oneof(
        fc.string().map((s) => JSON.stringify(s)),
        fc.string().map((s) => `'${s.replace(/[\\']/g, '\\$&').replace(/\n/g, '\\n')}'`),
        fc.string().map((s) => `\`${s.replace(/[\\`$]/g, '\\$&')}\``),
        fc.constantFrom(
          '/[\\]"\']+/g',
          '/\\[(?:[^\\]])*\\]/',
          '/* ] } " */',
          '// ] [ {\n',
          '}',
          ']',
          '[',
          '{',
          '(',
          '"',
          "'",
          '`',
        ),
        fc.constantFrom(
          'var apiSchema = [1];',
          'const apiSchema = ["x"]',
          'Ext.onReady(function () {',
          '\n',
          ' ',
        ),
      ),
      { maxLength: 20 },
    )
    .map((parts) => parts.join(' ')),
);

/** Any framing of a JSON text: bare, or declared with const/var/let, with or without `;`. */
const framed = (json: string) =>
  fc
    .record({
      kind: fc.constantFrom('json', 'const', 'var', 'let'),
      semicolon: fc.boolean(),
      bom: fc.boolean(),
      prefix: fc.constantFrom('', '/* header ] " */\n', '// generated\n', "'use strict';\n", '\n\n'),
      gap: fc.constantFrom(' ', '', '\n', '\t', '  \r\n'),
      tail: trailingJs,
    })
    .map(({ kind, semicolon, bom, prefix, gap, tail }) => {
      const bomText = bom ? '\ufeff' : '';
      if (kind === 'json') return `${bomText}${gap}${json}${gap}`;
      // Without `;` the statement ends at a line break, as in the PVE file.
      return `${bomText}${prefix}${kind} apiSchema =${gap}${json}${semicolon ? ';' : '\n'}${tail}`;
    });

describe('parser properties', () => {
  it('any JSON array in any framing with any trailing JavaScript reads back as exactly that array', {
    timeout,
  }, () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.jsonValue())
          .chain((array) => fc.tuple(fc.constant(array), jsonText(array).chain(framed))),
        ([array, text]) => {
          const extracted = extractApidocArray(text, 'property');
          assert.deepStrictEqual(extracted.value, JSON.parse(JSON.stringify(array)));
        },
      ),
      { numRuns },
    );
  });

  const smallJson = fc.jsonValue({ maxDepth: 2 });
  const method = fc.record(
    {
      method: fc.string(),
      description: fc.string(),
      parameters: fc.record(
        {
          type: fc.constant('object'),
          properties: fc.dictionary(fc.string(), fc.dictionary(fc.string(), smallJson, { maxKeys: 3 }), {
            maxKeys: 4,
          }),
        },
        { requiredKeys: [] },
      ),
      returns: fc.dictionary(fc.string(), smallJson, { maxKeys: 3 }),
    },
    { requiredKeys: [] },
  );
  const node = fc.record(
    {
      text: fc.string(),
      leaf: smallJson,
      info: fc.record({ GET: method, POST: method, PUT: method, DELETE: method }, { requiredKeys: [] }),
      extra: fc.dictionary(
        fc.string().filter((k) => !['path', 'text', 'info', 'children'].includes(k)),
        smallJson,
        { maxKeys: 3 },
      ),
      children: fc.array(fc.record({ text: fc.string(), leaf: smallJson }), { maxLength: 3 }),
    },
    { requiredKeys: ['text', 'extra', 'children'] },
  );

  it('any well-formed ApiTree in any framing reads back as exactly that tree', { timeout }, () => {
    fc.assert(
      fc.property(
        fc
          .array(node, { minLength: 1, maxLength: 6 })
          .map((nodes) =>
            nodes.map(({ extra, children, ...rest }, i) => ({
              ...extra,
              ...rest,
              path: `/n${i}/{id}`,
              ...(children.length > 0
                ? { children: children.map((c, j) => ({ ...c, path: `/n${i}/{id}/c${j}` })) }
                : {}),
            })),
          )
          .chain((tree) => fc.tuple(fc.constant(tree), jsonText(tree).chain(framed))),
        ([tree, text]) => {
          assert.deepStrictEqual(parseApidoc(text, { source: 'property' }), JSON.parse(JSON.stringify(tree)));
        },
      ),
      { numRuns },
    );
  });

  /** Text that reaches deep into the scanners: JSON-ish tokens, truncations and mutations of a valid doc. */
  const valid = `var apiSchema = ${JSON.stringify([
    {
      path: '/a',
      text: 'a "]" \\u0041',
      leaf: 0,
      info: { GET: { method: 'GET', parameters: { properties: { x: {} } } } },
    },
  ])};\n${VIEWER_TAIL}`;
  const tokens = fc
    .array(
      fc.constantFrom(
        '[',
        ']',
        '{',
        '}',
        '"',
        '\\',
        ',',
        ':',
        '1',
        '-',
        '.5e',
        'true',
        'null',
        ' ',
        '\n',
        'var apiSchema = ',
        '"path"',
        '"/a"',
        '"text"',
        '"info"',
        '"GET"',
        '\ufeff',
        '\u0000',
        '(',
        '`',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));
  const mutated = fc
    .tuple(fc.nat({ max: valid.length }), fc.nat({ max: valid.length }), fc.string({ maxLength: 3 }))
    .map(([at, to, insert]) => valid.slice(0, Math.min(at, to)) + insert + valid.slice(Math.max(at, to)));
  const truncated = fc.nat({ max: valid.length }).map((n) => valid.slice(0, n));

  it('any byte string either parses or throws ParseError, nothing else', { timeout }, () => {
    const anyInput = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      tokens.map((t) => Buffer.from(t, 'utf8')),
      mutated.map((t) => Buffer.from(t, 'utf8')),
      truncated.map((t) => Buffer.from(t, 'utf8')),
      fc
        .uint8Array({ maxLength: 8 })
        .map((bytes) =>
          Buffer.concat([Buffer.from(valid.slice(0, 30)), bytes, Buffer.from(valid.slice(30))]),
        ),
    );
    fc.assert(
      fc.property(anyInput, (bytes) => {
        try {
          parseApidoc(bytes, { source: 'fuzz' });
        } catch (error) {
          if (!(error instanceof ParseError)) throw error;
          expect(error.message).toMatch(/^fuzz: /);
          expect(error.message).not.toMatch(/\n/);
          expect(error.position?.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: numRuns * 3 },
    );
  });
});
