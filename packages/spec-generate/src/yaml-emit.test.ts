import { getApiTarget } from '@proxmox-openapi/core';
import { HISTORY_FIXTURES, PRODUCT_FIXTURES } from '@proxmox-openapi/test-fixtures';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateSpec } from './generate-spec.js';
import { serializeSpec, YAML_DUMP_OPTIONS } from './serialize.js';
import { loadFixture } from './test-support/fixtures.js';
import type { OpenApiVersion } from './types.js';
import { emitYaml, MAY_BE_AMBIGUOUS } from './yaml-emit.js';
import { isAmbiguousPlainScalar } from './yaml-quoting.js';

const jsYaml = (value: unknown): string => dump(value, YAML_DUMP_OPTIONS);

describe('emitYaml: the bytes of js-yaml for every generated document', () => {
  // Every product's schemas and the whole PVE history, in both OpenAPI versions: the emitter must
  // take every one (no fallback) and write exactly what js-yaml writes.
  const cases = [...PRODUCT_FIXTURES, ...HISTORY_FIXTURES].flatMap((f) =>
    (['3.0', '3.1'] as OpenApiVersion[]).map((version) => [f.file, f.api, version] as const),
  );
  it.each(cases)('%s (%s, OpenAPI %s)', { timeout: 600_000 }, (file, api, version) => {
    const document = generateSpec(loadFixture(file), { target: getApiTarget(api), openapi: version });
    const emitted = emitYaml(document);
    expect(emitted, 'the emitter fell back to js-yaml').toBeDefined();
    // Compared as strings only when they differ would print megabytes: compare, then locate.
    const expected = jsYaml(document);
    if (emitted !== expected) {
      const at = [...(emitted ?? '')].findIndex((c, i) => c !== expected[i]);
      expect((emitted ?? '').slice(at - 200, at + 200)).toBe(expected.slice(at - 200, at + 200));
    }
    expect(emitted === expected).toBe(true);
  });
});

// Strings built from the characters that steer YAML styles: indicators, spaces, tabs, line
// breaks, quotes, the first characters of numbers, booleans, dates, and non-ASCII ones inside and
// outside the emitter's range (NEL, NBSP, U+2028, BOM, an astral character, a lone surrogate).
const pieces = [
  'a',
  'b',
  'x',
  'y',
  'n',
  'e',
  'E',
  'O',
  'on',
  'off',
  'yes',
  'true',
  'null',
  '~',
  '0',
  '1',
  '7',
  '2024-06-10',
  '12:30',
  '0x1f',
  '0o7',
  '.',
  '.5',
  '1e3',
  'inf',
  'nan',
  '_',
  '-',
  '+',
  '?',
  ':',
  ',',
  '[',
  ']',
  '{',
  '}',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  '<<',
  '=',
  '\\',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\r',
  '\x00',
  '\x7f',
  '\x85',
  '\xa0',
  'é',
  '…',
  '\u2028',
  '\u3000',
  '\ufeff',
  '😀',
  '\ud800',
  '---',
  '...',
];
// The pieces outside the emitter's range: a document holding one is left to js-yaml.
const OUT_OF_RANGE = new Set(['\r', '\x00', '\x7f', '\x85', '\xa0', '\u2028', '\ufeff', '😀', '\ud800']);
const trickyString = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''));
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    trickyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(trickyString, tie('value'), { maxKeys: 4 }),
})).value;

/** A value written with an indentation indicator whose last line holds only spaces. */
function yamlPackageDropsLastSpaces(value: string): boolean {
  return value.startsWith(' ') && /\n +$/.test(value);
}

describe('emitYaml on generated data', () => {
  it('writes what js-yaml writes, or declines (undefined) and leaves it to js-yaml', () => {
    let emitted = 0;
    fc.assert(
      fc.property(fc.dictionary(trickyString, jsonValue, { maxKeys: 5 }), (document) => {
        const text = emitYaml(document);
        if (text === undefined) return;
        emitted++;
        expect(text).toBe(jsYaml(document));
      }),
      { numRuns: 3000 },
    );
    // Most documents hold only supported characters: the comparison above is not vacuous.
    expect(emitted).toBeGreaterThan(300);
  });

  it('takes every document whose strings are in its range, and those read back under YAML 1.1 and 1.2', () => {
    const inRange = fc
      .array(fc.constantFrom(...pieces.filter((p) => !OUT_OF_RANGE.has(p))), {
        maxLength: 8,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.dictionary(
          inRange.filter((k) => !k.includes('\n')),
          inRange,
          { maxKeys: 6 },
        ),
        (document) => {
          const text = emitYaml(document);
          expect(text).toBe(jsYaml(document));
          expect(load(text ?? '')).toEqual(document);
          // The `yaml` package drops a last line of spaces from a block scalar that needs an
          // indentation indicator (`|2-` for ' a\n '); js-yaml and libyaml (PyYAML) read the
          // spaces back, as the YAML spec says. Its reading is skipped for those values only.
          if (Object.values(document).some(yamlPackageDropsLastSpaces)) return;
          expect(parse(text ?? '', { version: '1.1' })).toEqual(document);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
    );
  });

  it('keeps a last line of spaces in a block scalar with an indentation indicator (found by the property above)', () => {
    const document = { '': ' a\n ', k: ' a\n   ' };
    const text = emitYaml(document);
    expect(text).toBe(jsYaml(document));
    expect(text).toContain('|2-');
    expect(load(text ?? '')).toEqual(document);
  });

  it('declines what it does not cover, and serializeSpec then gives js-yaml output', () => {
    const declined: object[] = [
      { a: 'bell\x07' },
      { a: 'lone \ud800' },
      { a: '😀' },
      { ['k'.repeat(1001)]: 1 },
      { 'two\nlines': 1 },
      { a: new Date(0) },
      { a: Number.NaN },
      [1, 2],
    ];
    for (const value of declined) {
      expect(emitYaml(value), JSON.stringify(value)).toBeUndefined();
      expect(serializeSpec(value as never).yaml).toBe(jsYaml(value));
    }
  });

  it('ends the document with ... after an open-ended block scalar, as js-yaml does', () => {
    for (const value of [{ a: 'x\n\n' }, { a: '\n' }, { a: ['x\n\n', 1] }, { a: 'x\n\n', b: {} }]) {
      expect(emitYaml(value)).toBe(jsYaml(value));
    }
    expect(emitYaml({ a: 'x\n\n' })).toMatch(/\.\.\.\n$/);
  });

  it('gates the ambiguity check soundly: every ambiguous string starts with a gated character', () => {
    // The pieces of YAML 1.1/1.2 numbers, booleans, nulls and dates, after any first character.
    const scalarish = fc
      .tuple(
        fc.constantFrom(...pieces, 'Y', 'N', 'F', 'T', 't', 'f', 'o', 'O', 'Yes', 'NULL', 'Inf'),
        fc.array(
          fc.constantFrom('0', '1', '9', '_', '.', 'e', '+', '-', ':', 'x', 'o', 'b', 'inf', 'nan', 'T', ' '),
          {
            maxLength: 6,
          },
        ),
      )
      .map(([first, rest]) => first + rest.join(''));
    let ambiguous = 0;
    fc.assert(
      fc.property(scalarish, (text) => {
        if (!isAmbiguousPlainScalar(text)) return;
        ambiguous++;
        expect(MAY_BE_AMBIGUOUS.test(text), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    expect(ambiguous).toBeGreaterThan(1000);
  });
});
