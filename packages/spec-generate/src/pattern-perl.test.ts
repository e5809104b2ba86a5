import { APIDOC_FIXTURES, HISTORY_FIXTURES } from '@proxmox-openapi/test-fixtures';
import { describe, expect, it } from 'vitest';
import { translatePattern } from './pattern.js';
import { loadFixture } from './test-support/fixtures.js';
import { perlMatches } from './test-support/perl-matcher.js';
import { RegexSampler, seededRandom } from './test-support/regex-sampler.js';

/** Every `pattern` string of a tree (parameters, results, property-string keys), walked here. */
function collectPatterns(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectPatterns(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'pattern' && typeof child === 'string') out.add(child);
      else collectPatterns(child, out);
    }
  }
}

const SEED = 20260816;
const SAMPLES = 40;

/** Why JavaScript and Perl may judge a string differently, as the README explains. */
function cause(value: string, perl: boolean, js: boolean, re: RegExp): string {
  // Perl's `$` also matches before a final newline.
  if (perl && !js && value.endsWith('\n') && re.test(value.slice(0, -1))) return 'final newline';
  // Perl applies Unicode rules to `\w`, `\d`, `\s` and `\b` on character strings; ECMA-262's are ASCII.
  if ([...value].some((c) => (c.codePointAt(0) as number) > 0x7f)) return 'non-ASCII character';
  return 'other';
}

describe('PVE patterns: JavaScript judges strings as Perl does (differential, against /usr/bin/perl)', () => {
  const sources = new Set<string>();
  for (const fixture of [...HISTORY_FIXTURES, ...APIDOC_FIXTURES.filter((f) => f.api === 'pve')]) {
    collectPatterns(loadFixture(fixture.file), sources);
  }

  it('agrees on every sampled and mutated string but for the two documented causes', {
    timeout: 600_000,
  }, async () => {
    const random = seededRandom(SEED);
    const pairs: [string, string][] = [];
    const checks: { source: string; re: RegExp; value: string }[] = [];
    for (const source of [...sources].sort()) {
      const translated = translatePattern(source, 'perl');
      expect(translated.ok, source).toBe(true);
      if (!translated.ok) continue;
      const re = new RegExp(translated.pattern, 'u');
      const sampler = new RegexSampler(translated.pattern, random);
      const values = new Set<string>();
      for (let i = 0; i < SAMPLES; i++) {
        const sample = sampler.sample();
        values.add(sample);
        const once = sampler.mutate(sample);
        values.add(once);
        values.add(sampler.mutate(once));
      }
      for (const value of [...values].sort()) {
        pairs.push([source, value]);
        checks.push({ source, re, value });
      }
    }
    const verdicts = await perlMatches(pairs);
    const byCause = new Map<string, { source: string; value: string; perl: boolean }[]>();
    let matched = 0;
    checks.forEach(({ source, re, value }, i) => {
      const perl = verdicts[i];
      expect(perl, source).not.toBe('error');
      const js = re.test(value);
      if (js) matched++;
      if (perl === js) return;
      const why = cause(value, perl === true, js, re);
      byCause.set(why, [...(byCause.get(why) ?? []), { source, value, perl: perl === true }]);
    });
    const figures = Object.fromEntries([...byCause].map(([why, list]) => [why, list.length]));
    console.info(
      `differential pattern test: ${sources.size} patterns, ${pairs.length} strings (${matched} matched by JS), differences by cause: ${JSON.stringify(figures)}`,
    );
    expect(sources.size).toBeGreaterThanOrEqual(70);
    expect(matched).toBeGreaterThan(pairs.length / 4);
    expect(byCause.get('other') ?? []).toEqual([]);
  });
});
