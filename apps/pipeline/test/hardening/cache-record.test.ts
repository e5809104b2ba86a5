import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnd, runBoundedBin } from './support/bounded-bin.js';
import { errorLines, hasStackTrace, runCli } from './support/cli.js';
import { caseRoot, makePublishedRoot } from './support/published-root.js';
import { cell, record } from './support/record.js';
import { copyTree } from './support/roots.js';

/*
 * The stage cache's record (issue 16, class 7). An entry's files were checked against their
 * sha256, its `data` was not: a changed digit in the stats entry was published silently (246
 * paths became 946 in the manifest and README). And a cache that cannot be used failed the
 * run, where the README promises a warning and an uncached run.
 */

const CACHED_PVE = ['pipeline', '--api', 'pve', '--source', 'pve=pve-new.json', '--lock-timeout', '0'];

let base: string;
let probe: string;
let truth: { paths: number; operations: number };
const roots: string[] = [];

beforeAll(async () => {
  base = await makePublishedRoot('cache-base');
  // A run over an empty cache computes every stage: it gives the truth that the runs over a
  // damaged cache must publish, and the entries that each case's cache starts from.
  probe = await caseRoot(base, 'cache-truth');
  roots.push(probe);
  const fresh = await runCli(CACHED_PVE, probe);
  if (fresh.exitCode !== 0) throw new Error(fresh.stderr);
  if (/\b[1-9]\d* of \d+ stages replayed/.test(fresh.stderr))
    throw new Error(`not uncached: ${fresh.stderr}`);
  const manifest = JSON.parse(await readFile(join(probe, 'specs/manifest.json'), 'utf8'));
  truth = manifest.apis.pve.stats;
});

afterAll(async () => {
  await Promise.all([base, ...roots].map((r) => rm(r, { recursive: true, force: true })));
});

/** Every entry.json of a stage in the cache. */
async function entries(root: string, stage: string): Promise<string[]> {
  const dir = join(root, '.cache/pipeline', stage);
  const keys = await readdir(dir).catch(() => [] as string[]);
  return keys.filter((k) => /^[0-9a-f]{64}$/.test(k)).map((k) => join(dir, k, 'entry.json'));
}

/** Changes one digit of a number in the record's `data`: 246 → 946. */
function changeDigit(text: string, field: string): string {
  const record = JSON.parse(text) as { data: Record<string, unknown> };
  const value = record.data[field];
  if (typeof value !== 'number') throw new Error(`no number ${field} in the record`);
  record.data[field] = Number(`9${String(value).slice(1)}`) + (String(value).startsWith('9') ? 1 : 0);
  return JSON.stringify(record);
}

describe("a changed digit in a cached entry's data is a miss, never published", () => {
  for (const field of ['paths', 'operations', 'parameters', 'schemas'] as const) {
    it(`stats entry: ${field}`, async (context) => {
      const root = await caseRoot(base, 'cache');
      roots.push(root);
      // Warmed in the case's own root: a file source's URL is part of the stats key, so this
      // run stores the stats entry for this root (generate and validate, which do not depend on
      // the root, are replayed from the probe's entries).
      await copyTree(join(probe, '.cache'), join(root, '.cache'));
      const warm = await runCli(CACHED_PVE, root);
      expect(warm.exitCode, warm.stderr).toBe(0);
      const files = await entries(root, 'stats');
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) await writeFile(file, changeDigit(await readFile(file, 'utf8'), field));
      const result = await runBoundedBin(CACHED_PVE, root);
      const manifest = JSON.parse(await readFile(join(root, 'specs/manifest.json'), 'utf8'));
      const published = manifest.apis.pve.stats[field];
      record(context, {
        category: 'cache',
        case: `cached stats entry with a changed digit in data.${field}`,
        expected: `exit 0, a miss: ${field} ${(truth as Record<string, number>)[field]} published`,
        produced: cell(describeEnd(result, `${field} ${published} published`)),
      });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(published).toBe((truth as Record<string, number>)[field]);
      expect(result.stderr).toMatch(
        /a damaged cache entry was ignored and rebuilt \(its data does not match/,
      );
    });
  }
});

describe('a stage cache that cannot be used: one warning, an uncached run', () => {
  const CASES = [
    {
      label: '.cache is a regular file',
      make: (root: string) => writeFile(join(root, '.cache'), 'not a folder\n'),
      argv: CACHED_PVE,
    },
    {
      label: '--cache-dir names a regular file',
      make: (root: string) => writeFile(join(root, 'cache-file'), 'not a folder\n'),
      argv: [...CACHED_PVE, '--cache-dir', 'cache-file'],
    },
    {
      label: '--cache-dir below a regular file',
      make: (root: string) => writeFile(join(root, 'cache-file'), 'not a folder\n'),
      argv: [...CACHED_PVE, '--cache-dir', 'cache-file/stages'],
    },
    {
      label: '--cache-dir below /dev/null',
      make: async () => {},
      argv: [...CACHED_PVE, '--cache-dir', '/dev/null/cache'],
    },
  ];
  for (const c of CASES) {
    it(c.label, async (context) => {
      const root = await caseRoot(base, 'cache');
      roots.push(root);
      await rm(join(root, '.cache'), { recursive: true, force: true });
      await c.make(root);
      const result = await runBoundedBin(c.argv, root);
      const warnings =
        result.stderr.match(/warning: the stage cache .* cannot be used \(.+\): this run is uncached/g) ?? [];
      record(context, {
        category: 'cache',
        case: `pipeline with ${c.label}`,
        expected: 'exit 0, published, one warning',
        produced: cell(describeEnd(result, errorLines(result)[0] ?? `${warnings.length} warning(s)`)),
      });
      expect(result.stopped).toBeUndefined();
      expect(result.exitCode, result.stderr).toBe(0);
      expect(warnings).toHaveLength(1);
      expect(hasStackTrace(result.stderr)).toBe(false);
      expect(result.stderr).toMatch(/published specs/);
    });
  }
});
