import { APIDOC_FIXTURES } from '@proxmox-openapi/test-fixtures';
import { describe, expect, it } from 'vitest';
import { computeStats } from './compute-stats.js';
import { STATS_END, STATS_START } from './markers.js';
import { fixtureDocument, META } from './test-support/stats-fixtures.js';
import type { SpecStats } from './types.js';
import { updateReadme } from './update-readme.js';

const [pveFixture, pbsFixture] = APIDOC_FIXTURES;
const pve = computeStats(fixtureDocument(pveFixture?.file as string), META);
const pbs = computeStats(fixtureDocument(pbsFixture?.file as string), {
  ...META,
  api: 'pbs',
  sourceDate: 'Sun, 16 Aug 2026 09:30:00 GMT',
});

// Text around the markers with the kinds of bytes a hand-edited README has.
const BEFORE = '# Title\r\n\nIntro with trailing spaces   \n\t<!-- another comment -->\n\u00e9\u2014🙂\n';
const AFTER = '\n\n## After\n\nno final newline';
const readme = `${BEFORE}${STATS_START}\nold content\n${STATS_END}${AFTER}`;

describe('updateReadme', () => {
  it('writes the per-API section between the markers and keeps the rest byte for byte', () => {
    const updated = updateReadme(readme, pve);
    expect(updated.startsWith(`${BEFORE}${STATS_START}`)).toBe(true);
    expect(updated.endsWith(`${STATS_END}${AFTER}`)).toBe(true);
    expect(updated).not.toContain('old content');
    expect(updated).toContain(`| paths | ${pve.paths} |`);
    expect(updated).toContain('| operations | 646 (GET ');
    expect(updated).toContain('| JSON | 3,301,234 bytes (3.1 MiB) |');
    expect(updated).toContain(`| source sha256 | \`${'a'.repeat(64)}\` |`);
    expect(updated).toContain('| source date | 2026-08-16 |');
    expect(updated).toContain('| `/nodes` | ');
    // The README had a CRLF: the section uses the README's line ending.
    expect(updated.slice(BEFORE.length).split(STATS_END)[0]).toMatch(/^[^\n]*\r\n\r\n\| \| \|\r\n/);
  });

  it('returns the same string when nothing changed', () => {
    const once = updateReadme(readme, pve);
    expect(updateReadme(once, pve)).toBe(once);
    const table = updateReadme(readme, [pve, pbs]);
    expect(updateReadme(table, [pve, pbs])).toBe(table);
  });

  it('writes the root table with one row per API and keeps rows of APIs not given', () => {
    const table = updateReadme(readme, [pbs, pve]);
    const rows = table.split(/\r?\n/).filter((l) => l.startsWith('| `'));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual(['| `pve`', '| `pbs`']);
    expect(rows[0]).toContain(` | ${pve.paths} | ${pve.operations} | ${pve.operationsByMethod.GET} | `);
    expect(rows[1]?.endsWith(' | 2026-08-16 |')).toBe(true);
    const changedPve: SpecStats = { ...pve, operations: pve.operations + 1 };
    const refreshed = updateReadme(table, [changedPve]);
    expect(refreshed).toContain(rows[1]);
    expect(refreshed).toContain(` | ${pve.operations + 1} | `);
  });

  it.each([
    ['no markers', '# README\n', 'has no stats markers: add the pair'],
    ['a start only', `a\n${STATS_START}\nb\n`, 'exactly one'],
    ['an end only', `a\n${STATS_END}\n`, 'exactly one'],
    [
      'two pairs',
      `${STATS_START}${STATS_END}\n${STATS_START}${STATS_END}`,
      'found 2 and 2 (lines 1, 1, 2, 2)',
    ],
    ['the end first', `x\n${STATS_END}\n${STATS_START}\n`, 'comes before'],
  ])('refuses a README with %s', (_, text, message) => {
    expect(() => updateReadme(text, pve)).toThrow(message);
  });
});
