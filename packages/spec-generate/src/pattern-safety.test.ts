import { RegExpParser } from '@eslint-community/regexpp';
import { analyse } from 'scslre';
import { describe, expect, it } from 'vitest';
import { translatePattern } from './pattern.js';
import { checkPatternSafety } from './pattern-safety.js';
import { loadFixture } from './test-support/fixtures.js';

/** Every `pattern` string of a tree, walked without the generator. */
function patternsOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) patternsOf(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'pattern' && typeof child === 'string') out.add(child);
      else patternsOf(child, out);
    }
  }
  return out;
}

const superLinear = (pattern: string) =>
  analyse(new RegExpParser().parseLiteral(String(new RegExp(pattern, 'u'))), { reportTypes: { Move: false } })
    .reports;

// PVE 9.1: the OCI image reference of `POST /nodes/{node}/storage/{storage}/oci-registry-pull`.
const oci = [...patternsOf(loadFixture('pve-docs-9.1.2-2026-04-30.json.gz'))].filter((p) =>
  p.includes('(?:[._]|__|[-]*)'),
);

describe('patterns that backtrack super-linearly', () => {
  it('the OCI reference patterns of PVE 9.1 are exponential as written', () => {
    expect(oci.length).toBeGreaterThan(0);
    for (const source of oci) {
      const wrapped = `^${source}$`;
      expect(superLinear(wrapped).some((r) => r.exponential)).toBe(true);
    }
  });

  it('are rewritten into a linear form that the analyser clears, and published unflagged', () => {
    for (const source of oci) {
      const translated = translatePattern(source, 'perl');
      expect(translated.ok).toBe(true);
      if (!translated.ok) continue;
      expect(translated.unsafe).toBeUndefined();
      expect(translated.pattern).toContain('(?:[._]|__|[\\-]+)');
      expect(superLinear(translated.pattern)).toEqual([]);
    }
  });

  it('the rewrite matches the same strings as the original (an empty separator is one longer run)', () => {
    const source = String.raw`[a-z\d]+(?:(?:[._]|__|[-]*)[a-z\d]+)*`;
    const original = new RegExp(`^(?:${source})$`, 'u');
    const rewritten = new RegExp(checkPatternSafety(`^(?:${source})$`).pattern, 'u');
    expect(rewritten.source).not.toBe(original.source);
    // Every string over the alphabet of the pattern up to length 6, plus a few longer ones.
    const alphabet = ['a', '1', '.', '_', '-', 'X'];
    let strings = [''];
    const all: string[] = [];
    for (let length = 1; length <= 6; length++) {
      strings = strings.flatMap((s) => alphabet.map((c) => s + c));
      all.push(...strings);
    }
    all.push('debian', 'library--debian__slim.v1', 'a---b', 'a__b', 'a___b', '-a', 'a-', 'a..b');
    for (const s of all) expect(rewritten.test(s), s).toBe(original.test(s));
    // The original is not run on this one: it backtracks for minutes.
    expect(rewritten.test(`${'a'.repeat(1000)}!`)).toBe(false);
  });

  it('keeps and flags what it cannot rewrite', () => {
    // Nested quantifiers over the same character: no proven rewrite, so the flag says why.
    const safety = checkPatternSafety('^(\\w+\\s?)*$');
    expect(safety.unsafe).toMatch(/exponential backtracking/);
    expect(checkPatternSafety('^[a-z]+(?:-[a-z]+)*$')).toEqual({
      pattern: '^[a-z]+(?:-[a-z]+)*$',
      rewritten: false,
    });
  });
});
