import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnd, runBoundedBin } from './support/bounded-bin.js';
import { errorLines, hasStackTrace } from './support/cli.js';
import { caseRoot, makePublishedRoot, REBUILD_PVE } from './support/published-root.js';
import { cell, record } from './support/record.js';
import { lstatTree } from './support/tree-state.js';

/*
 * Links and other non-files inside specs/ (issue 16, class 2). The publish step carries the
 * APIs it does not build over by hard-linking their files; it used to follow a link there,
 * so an outside folder's files were linked into specs/, listed in the manifest and shipped,
 * and a link to `.` nested one more copy per run. Each case rebuilds PVE with PBS carried
 * over, through the real bin (a link loop must end by itself), and must be refused with one
 * line naming the entry, before anything was linked: specs/ byte for byte as it was.
 */

let base: string;
let outside: string;
const roots: string[] = [];

beforeAll(async () => {
  base = await makePublishedRoot('links-base');
  outside = join(base, '..', `${base.split('/').pop()}-outside`);
  await mkdir(outside, { recursive: true });
  await writeFile(join(outside, 'private-key.pem'), 'not for publishing\n');
});

afterAll(async () => {
  await Promise.all([base, outside, ...roots].map((r) => rm(r, { recursive: true, force: true })));
});

interface LinkCase {
  label: string;
  /** The entry, relative to specs/. */
  entry: string;
  make: (path: string) => Promise<void>;
  /** What the line must say the entry is. */
  is: RegExp;
  argv?: string[];
}

const CASES: LinkCase[] = [
  {
    label: 'a link in a carried-over API to an outside folder',
    entry: 'pbs/extra',
    make: (p) => symlink(outside, p),
    is: /is a symbolic link to /,
  },
  {
    label: 'a link at the top of specs/ to an outside folder',
    entry: 'vendor',
    make: (p) => symlink(outside, p),
    is: /is a symbolic link to /,
  },
  {
    label: 'a link to `.` (nests a copy per run)',
    entry: 'loop',
    make: (p) => symlink('.', p),
    is: /is a symbolic link to \./,
  },
  {
    label: "a carried-over API's document replaced by a link to an outside file",
    entry: 'pbs/pbs-api.json',
    make: async (p) => {
      await rm(p);
      await symlink(join(outside, 'private-key.pem'), p);
    },
    is: /is a symbolic link to /,
  },
  {
    label: 'a carried-over API folder that is a link',
    entry: 'pbs',
    make: async (p) => {
      await rm(p, { recursive: true });
      await symlink(outside, p);
    },
    is: /is a symbolic link to /,
  },
  {
    label: 'a named pipe in a carried-over API',
    entry: 'pbs/queue',
    make: async (p) => {
      execFileSync('mkfifo', [p]);
    },
    is: /is a named pipe/,
  },
  {
    label: 'a link in the API being rebuilt',
    entry: 'pve/extra',
    make: (p) => symlink(outside, p),
    is: /is a symbolic link to /,
  },
  {
    label: 'a link in a carried-over API, with --publish',
    entry: 'pbs/extra',
    make: (p) => symlink(outside, p),
    is: /is a symbolic link to /,
    argv: [...REBUILD_PVE, '--publish'],
  },
];

describe('specs/ holds something that is not a regular file or folder', () => {
  for (const c of CASES) {
    it(c.label, async (context) => {
      const root = await caseRoot(base, 'links');
      roots.push(root);
      const specs = join(root, 'specs');
      await c.make(join(specs, c.entry));
      const before = await lstatTree(specs);
      const result = await runBoundedBin(c.argv ?? REBUILD_PVE, root);
      const line = errorLines(result)[0] ?? '';
      const after = await lstatTree(specs);
      const manifest = await readFile(join(specs, 'manifest.json'), 'utf8');
      record(context, {
        category: 'specs-links',
        case: `pipeline with specs/${c.entry}: ${c.label}`,
        expected: 'exit 3, one line naming it',
        produced: cell(describeEnd(result, line)),
      });
      record(context, {
        category: 'specs-links',
        case: `specs/ after specs/${c.entry}: ${c.label}`,
        expected: 'unchanged; nothing outside listed',
        produced:
          JSON.stringify(after) === JSON.stringify(before) && !manifest.includes('private-key')
            ? 'unchanged; nothing outside listed'
            : `changed (${Object.keys(after ?? {}).length} files, was ${Object.keys(before ?? {}).length})`,
      });
      expect(result.stopped).toBeUndefined();
      expect(result.exitCode, result.stderr).toBe(3);
      expect(errorLines(result)).toHaveLength(1);
      expect(line).toContain(`specs/${c.entry} `);
      expect(line).toMatch(c.is);
      expect(hasStackTrace(result.stderr)).toBe(false);
      expect(after).toEqual(before);
      expect(manifest).not.toContain('private-key');
    });
  }
});
