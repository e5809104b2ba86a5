import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnd, runBoundedBin } from './support/bounded-bin.js';
import { caseRoot, makePublishedRoot, REBUILD_PVE } from './support/published-root.js';
import { cell, record } from './support/record.js';

/*
 * Leftovers of a killed run (issue 16, class 6). The root README is written atomically after
 * the swap, through `.README.md.<pid>.<hex>.tmp`; a signal there left that file in the
 * repository root, never removed and not ignored by git. The next run now sweeps the ones of
 * processes that are gone (a live run's file is left alone), and .gitignore covers them.
 */

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

let base: string;
let deadPid: number;
const roots: string[] = [];

beforeAll(async () => {
  base = await makePublishedRoot('leftovers-base');
  // A pid that belonged to a process that has ended.
  deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
});

afterAll(async () => {
  await Promise.all([base, ...roots].map((r) => rm(r, { recursive: true, force: true })));
});

describe('temporary files of a killed run', () => {
  for (const variant of ['whole', 'empty'] as const) {
    it(`a ${variant} .README.md.<dead pid>.<hex>.tmp in the root is swept by the next run`, async (context) => {
      const root = await caseRoot(base, 'leftovers');
      roots.push(root);
      const name = `.README.md.${deadPid}.0123456789ab.tmp`;
      await writeFile(join(root, name), variant === 'whole' ? '# half a README\n' : '');
      const result = await runBoundedBin(REBUILD_PVE, root);
      const left = existsSync(join(root, name));
      record(context, {
        category: 'leftovers',
        case: `pipeline after a kill left a ${variant} ${name.replace(String(deadPid), '<dead pid>')}`,
        expected: 'exit 0; the file is gone',
        produced: cell(describeEnd(result, left ? 'the file is still there' : 'the file is gone')),
      });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(left).toBe(false);
    });
  }

  it("a live process's .README.md.<pid>.<hex>.tmp is left alone", async (context) => {
    const root = await caseRoot(base, 'leftovers');
    roots.push(root);
    // This test process is alive: its file may be a write in progress.
    const name = `.README.md.${process.pid}.0123456789ab.tmp`;
    await writeFile(join(root, name), '# being written\n');
    const result = await runBoundedBin(REBUILD_PVE, root);
    const kept = existsSync(join(root, name));
    record(context, {
      category: 'leftovers',
      case: "pipeline beside a live process's .README.md.<pid>.<hex>.tmp (control)",
      expected: 'exit 0; the file is kept',
      produced: cell(describeEnd(result, kept ? 'the file is kept' : 'the file was removed')),
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(kept).toBe(true);
  });

  for (const path of ['.README.md.4242.0123456789ab.tmp', 'specs/.manifest.json.4242.0123456789ab.tmp']) {
    it(`git ignores ${path}`, (context) => {
      const check = spawnSync('git', ['-C', REPO, 'check-ignore', '--no-index', '-q', path]);
      record(context, {
        category: 'leftovers',
        case: `git check-ignore ${path}`,
        expected: 'ignored',
        produced: check.status === 0 ? 'ignored' : 'not ignored',
      });
      expect(check.status).toBe(0);
    });
  }
});
