import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnd, runBoundedBin } from './support/bounded-bin.js';
import { errorLines, hasStackTrace } from './support/cli.js';
import { caseRoot, makePublishedRoot, REBUILD_PVE } from './support/published-root.js';
import { cell, record } from './support/record.js';
import { checkAgainstManifest } from './support/tree-state.js';

/*
 * A damaged specs/manifest.json (issue 16, class 8). A run that rebuilds PVE carries PBS over
 * and takes PBS's entry from the previous manifest: a malformed one used to drop that entry
 * silently, and an entry without its statistics ended the run in a bare TypeError after
 * specs/ was switched. Now the manifest is read through a schema; a damaged one is reported
 * once (a warning) and the carried-over entry is rebuilt from its files: the new manifest has
 * a whole PBS entry, lists every file, and the root README still shows PBS.
 */

let base: string;
let intact: { apis: { pbs: unknown } };
const roots: string[] = [];

beforeAll(async () => {
  base = await makePublishedRoot('manifest-base');
  intact = JSON.parse(await readFile(join(base, 'specs/manifest.json'), 'utf8'));
});

afterAll(async () => {
  await Promise.all([base, ...roots].map((r) => rm(r, { recursive: true, force: true })));
});

// biome-ignore lint/suspicious/noExplicitAny: the cases damage arbitrary fields of parsed JSON
type Edit = (manifest: Record<string, any>) => unknown;

const CASES: { label: string; text?: (original: string) => string; edit?: Edit; warns: boolean }[] = [
  { label: 'cut in half (not JSON)', text: (t) => t.slice(0, t.length / 2), warns: true },
  { label: 'empty', text: () => '', warns: true },
  { label: 'format 2', edit: (m) => ({ ...m, format: 2 }), warns: true },
  { label: 'apis is a list', edit: (m) => ({ ...m, apis: [] }), warns: true },
  { label: 'files is an object', edit: (m) => ({ ...m, files: {} }), warns: true },
  {
    label: "PBS's source sha256 is a number",
    edit: (m) => {
      m.apis.pbs.source.sha256 = 42;
      return m;
    },
    warns: true,
  },
  {
    label: "PBS's statistics are a string",
    edit: (m) => {
      m.apis.pbs.stats = 'many';
      return m;
    },
    warns: true,
  },
  {
    label: "PBS's statistics lack their per-method counts",
    edit: (m) => {
      delete m.apis.pbs.stats.operationsByMethod;
      return m;
    },
    warns: true,
  },
  {
    label: 'PBS entry without statistics',
    edit: (m) => {
      delete m.apis.pbs.stats;
      return m;
    },
    warns: false,
  },
];

describe('a damaged specs/manifest.json is reported and rebuilt, never half-used', () => {
  for (const c of CASES) {
    it(c.label, async (context) => {
      const root = await caseRoot(base, 'manifest');
      roots.push(root);
      const path = join(root, 'specs/manifest.json');
      const original = await readFile(path, 'utf8');
      const damaged = c.text ? c.text(original) : `${JSON.stringify(c.edit?.(JSON.parse(original)))}\n`;
      await writeFile(path, damaged);
      const result = await runBoundedBin(REBUILD_PVE, root);
      const manifest = JSON.parse(await readFile(path, 'utf8').catch(() => '{}'));
      const pbs = manifest.apis?.pbs;
      const readme = await readFile(join(root, 'README.md'), 'utf8');
      const warned = /warning: .*manifest\.json is damaged/.test(result.stderr);
      record(context, {
        category: 'manifest',
        case: `rebuild PVE with a manifest ${c.label}`,
        expected: `exit 0${c.warns ? ', one warning' : ''}; PBS entry whole`,
        produced: cell(
          describeEnd(
            result,
            `${errorLines(result)[0] ?? ''}${warned ? 'warned; ' : ''}PBS ${pbs?.stats ? 'with' : 'without'} statistics`,
          ),
        ),
      });
      expect(result.stopped).toBeUndefined();
      expect(result.exitCode, result.stderr).toBe(0);
      expect(hasStackTrace(result.stderr)).toBe(false);
      expect(warned).toBe(c.warns);
      if (c.warns) expect(result.stderr.match(/manifest\.json is damaged/g)).toHaveLength(1);
      // The rebuilt entry says what the files say: the same source and statistics as before.
      const before = intact.apis.pbs as { source: unknown; stats: { paths: number } };
      expect(pbs?.source).toEqual(before.source);
      expect(pbs?.stats?.paths).toBe(before.stats.paths);
      expect(manifest.files.some((f: { path: string }) => f.path === 'pbs/pbs-api.json')).toBe(true);
      expect(await checkAgainstManifest(join(root, 'specs'))).toBeUndefined();
      expect(readme).toContain('Proxmox Backup Server');
    });
  }
});
