import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnd, runBoundedBin } from './support/bounded-bin.js';
import { errorLines, hasStackTrace } from './support/cli.js';
import {
  folderCase,
  fullDeviceCase,
  type OutputTarget,
  stdoutLinkCase,
} from './support/output-target-cases.js';
import { caseRoot, makePublishedRoot, REBUILD_PVE } from './support/published-root.js';
import { cell, record } from './support/record.js';
import { lstatTree } from './support/tree-state.js';

/*
 * The other output targets (issue 16, classes 3 and 11): `pipeline --report`, `fetch --out`,
 * `generate --out-dir` and the GitHub step summary. A report used to be renamed over whatever
 * its path named (a device node became a regular file, /dev/full "worked"); a folder failed
 * only after the whole run; a failing step summary said neither file nor step. Every target
 * lives in the case's own folder (a private char 1,7 node, a link to this process's stdout).
 */

let base: string;
const roots: string[] = [];

beforeAll(async () => {
  base = await makePublishedRoot('outputs-base');
  await symlink('/proc/self/fd/1', join(base, 'stdout-link'));
  await mkdir(join(base, 'folder'));
  await writeFile(join(base, 'a-file'), 'a regular file\n');
  await mkdir(join(base, 'gen-with-folder', 'pve-api.json'), { recursive: true });
});

afterAll(async () => {
  await Promise.all([base, ...roots].map((r) => rm(r, { recursive: true, force: true })));
});

async function prepared(): Promise<{ root: string; specs: Record<string, string> }> {
  const root = await caseRoot(base, 'outputs');
  roots.push(root);
  // Made in each copy: a copy of a device node is not a device node.
  execFileSync('mknod', [join(root, 'full'), 'c', '1', '7']);
  return { root, specs: await lstatTree(join(root, 'specs')) };
}

/** `pipeline … --report <target>` (and more options) in a fresh copy of the published root. */
const pipelineReport = (root: string, ...more: string[]): OutputTarget => ({
  root,
  argv: (target) => [...REBUILD_PVE, '--report', target, ...more],
  label: 'pipeline --report',
});

describe('pipeline --report to a target that is not a regular file', () => {
  it('a full device: exit 3, one line; the node stays a device', async (context) => {
    const { root } = await prepared();
    await fullDeviceCase(context, pipelineReport(root), 'the report');
  });

  it('a link to this process stdout: the report arrives on stdout; the link stays', async (context) => {
    const { root } = await prepared();
    await stdoutLinkCase(context, pipelineReport(root, '--quiet'), (stdout) => {
      const start = stdout.indexOf('{\n  "format": 1');
      if (start < 0) return undefined;
      const report = JSON.parse(stdout.slice(start)) as { published: boolean };
      return report.published ? 'report on stdout, published true' : undefined;
    });
  });

  it('a folder: one line naming it, before the lock or any fetch', async (context) => {
    const { root, specs } = await prepared();
    const result = await folderCase(context, pipelineReport(root), 'exit 2, one line naming it, no work');
    // No work: no progress line, no source read, specs/ as it was.
    expect(result.stderr).not.toMatch(/source|lock/);
    expect(await lstatTree(join(root, 'specs'))).toEqual(specs);
  });

  it('a regular file: replaced whole (atomically) with the report', async (context) => {
    const { root } = await prepared();
    const result = await runBoundedBin([...REBUILD_PVE, '--report', 'a-file'], root);
    const text = await readFile(join(root, 'a-file'), 'utf8');
    record(context, {
      category: 'output',
      case: 'pipeline --report <an existing regular file>',
      expected: 'exit 0, the file holds the report',
      produced: cell(
        describeEnd(result, text.startsWith('{') ? 'the file holds the JSON report' : 'file not replaced'),
      ),
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect((JSON.parse(text) as { published: boolean }).published).toBe(true);
  });
});

/** `fetch --api pve --source pve.json --out <target>` in a fresh copy of the published root. */
const fetchOut = (root: string): OutputTarget => ({
  root,
  argv: (target) => ['fetch', '--api', 'pve', '--source', 'pve.json', '--out', target],
  label: 'fetch --out',
});

describe('fetch --out and generate --out-dir', () => {
  it('fetch --out <a folder>: one line before the source is read', async (context) => {
    const { root } = await prepared();
    const result = await folderCase(context, fetchOut(root), 'exit 2, one line naming it');
    expect(result.stdout).toBe('');
  });

  it('fetch --out <char device 1,7>: exit 3, one line; still a device', async (context) => {
    const { root } = await prepared();
    await fullDeviceCase(context, fetchOut(root), '--out');
  });

  it('generate --out-dir <a regular file>: one line before the input is read', async (context) => {
    const { root } = await prepared();
    const result = await runBoundedBin(
      ['generate', '--api', 'pve', '--input', 'pve.json', '--out-dir', 'a-file'],
      root,
    );
    const line = errorLines(result)[0] ?? '';
    record(context, {
      category: 'output',
      case: 'generate --out-dir <a regular file>',
      expected: 'exit 2, one line naming it',
      produced: cell(describeEnd(result, line)),
    });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(errorLines(result)).toEqual([
      `proxmox-openapi generate: --out-dir ${join(root, 'a-file')} is not a folder`,
    ]);
    expect(await readFile(join(root, 'a-file'), 'utf8')).toBe('a regular file\n');
  });

  it('generate --out-dir where pve-api.json is a folder: one line naming it', async (context) => {
    const { root } = await prepared();
    const result = await runBoundedBin(
      ['generate', '--api', 'pve', '--input', 'pve.json', '--out-dir', 'gen-with-folder'],
      root,
    );
    const line = errorLines(result)[0] ?? '';
    record(context, {
      category: 'output',
      case: 'generate --out-dir <dir whose pve-api.json is a folder>',
      expected: 'exit 2, one line naming it; no YAML',
      produced: cell(describeEnd(result, line)),
    });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(line).toContain(`${join(root, 'gen-with-folder', 'pve-api.json')} is a folder`);
    expect(existsSync(join(root, 'gen-with-folder', 'pve-api.yaml'))).toBe(false);
  });
});

describe('the GitHub step summary cannot be written (class 11)', () => {
  for (const command of ['pipeline', 'validate'] as const) {
    it(`${command}: GITHUB_STEP_SUMMARY is a folder`, async (context) => {
      const { root } = await prepared();
      const argv = command === 'pipeline' ? REBUILD_PVE : ['validate', 'specs/pve/pve-api.json'];
      const summary = join(root, 'folder');
      const result = await runBoundedBin(argv, root, { env: { GITHUB_STEP_SUMMARY: summary } });
      const line = errorLines(result)[0] ?? '';
      record(context, {
        category: 'output',
        case: `${command} with GITHUB_STEP_SUMMARY=<a folder>`,
        expected: 'exit 3, one line naming the file and the step',
        produced: cell(describeEnd(result, line)),
      });
      expect(result.stopped).toBeUndefined();
      expect(result.exitCode, result.stderr).toBe(3);
      expect(errorLines(result)).toHaveLength(1);
      expect(line).toContain(`cannot append the ${command} step summary to ${summary} (GITHUB_STEP_SUMMARY)`);
      expect(line).toMatch(/EISDIR/);
      expect(hasStackTrace(result.stderr)).toBe(false);
    });
  }
});
