import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLines, hasStackTrace, runBin, runCli } from './support/cli.js';
import { makePublishedPveRoot } from './support/published-root.js';
import { cell, record } from './support/record.js';
import { copyRoot, SLICES } from './support/roots.js';
import { hashTree } from './support/tree-state.js';

/*
 * A full disk, simulated for real. These tests run as root, so a read-only folder (chmod)
 * stops nothing, and mounting a small tmpfs or a read-only bind needs privileges a CI
 * container does not give. Two things do work everywhere:
 *  - RLIMIT_FSIZE (`ulimit -f` in the shell that starts the CLI, with SIGXFSZ ignored so that
 *    the write fails with EFBIG instead of killing the process): the kernel refuses every write
 *    past N KiB, exactly where ENOSPC would strike on a full disk, in the middle of writing
 *    the staged documents;
 *  - a specs folder whose parent is a file: the staging folder beside it cannot be created
 *    (ENOTDIR), as on a read-only or vanished mount.
 */

const LIMIT_KIB = 16;
let base: string;
const roots: string[] = [];

beforeAll(async () => {
  base = await makePublishedPveRoot('disk-base');
  await writeFile(join(base, 'pve-new.json'), SLICES.pveNew());
  const generated = await runCli(
    ['generate', '--api', 'pve', '--input', 'pve.json', '--out-dir', 'gen'],
    base,
  );
  expect(generated.exitCode, generated.stderr).toBe(0);
});

afterAll(async () => {
  await Promise.all([base, ...roots].map((root) => rm(root, { recursive: true, force: true })));
});

const TOO_SMALL = `trap '' XFSZ; ulimit -f ${LIMIT_KIB};`;

describe('a disk too small for the staged files', () => {
  it(`pipeline: a write past ${LIMIT_KIB} KiB fails with one line; specs/ and the staging area are as before`, async (context) => {
    const root = await copyRoot(base, 'disk-pipeline');
    roots.push(root);
    const before = await hashTree(join(root, 'specs'));
    const result = await runBin(
      ['pipeline', '--api', 'pve', '--source', 'pve=pve-new.json', '--no-cache', '--lock-timeout', '0'],
      root,
      { shellPrefix: TOO_SMALL },
    );
    record(context, {
      category: 'full-disk',
      case: `pipeline under ulimit -f ${LIMIT_KIB} (EFBIG)`,
      expected: 'exit 3, one line naming the file, specs/ unchanged',
      produced: cell(`exit ${result.exitCode}: ${errorLines(result)[0] ?? result.stderr}`),
    });
    expect(result.signal).toBeNull();
    expect(result.exitCode, result.stderr).toBe(3);
    expect(errorLines(result)).toHaveLength(1);
    // The one line names the file whose write failed.
    expect(errorLines(result)[0]).toMatch(/EFBIG: file too large, write \(writing \/.+\)/);
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(await hashTree(join(root, 'specs'))).toEqual(before);
    expect((await readdir(root)).filter((name) => name.startsWith('.specs-staging-'))).toEqual([]);
  });

  it(`generate: a write past ${LIMIT_KIB} KiB fails with one line; the old output and no temporary file remain`, async (context) => {
    const root = await copyRoot(base, 'disk-generate');
    roots.push(root);
    const before = await hashTree(join(root, 'gen'));
    const result = await runBin(
      ['generate', '--api', 'pve', '--input', 'pve-new.json', '--out-dir', 'gen'],
      root,
      {
        shellPrefix: TOO_SMALL,
      },
    );
    record(context, {
      category: 'full-disk',
      case: `generate under ulimit -f ${LIMIT_KIB} (EFBIG)`,
      expected: 'exit 3, one line naming the file, the previous files intact',
      produced: cell(`exit ${result.exitCode}: ${errorLines(result)[0] ?? result.stderr}`),
    });
    expect(result.signal).toBeNull();
    expect(result.exitCode, result.stderr).toBe(3);
    expect(errorLines(result)).toHaveLength(1);
    expect(errorLines(result)[0]).toMatch(
      /EFBIG: file too large, write \(writing \/.+\/gen\/pve-api\.(json|yaml)\)/,
    );
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(await hashTree(join(root, 'gen'))).toEqual(before);
  });

  it('pipeline: a specs folder whose parent is a file fails with one line (ENOTDIR)', async (context) => {
    const root = await copyRoot(base, 'disk-notdir');
    roots.push(root);
    await writeFile(join(root, 'blocker'), 'a file where a folder should be\n');
    const result = await runCli(
      [
        'pipeline',
        '--api',
        'pve',
        '--source',
        'pve=pve-new.json',
        '--specs-dir',
        'blocker/specs',
        '--no-cache',
      ],
      root,
    );
    record(context, {
      category: 'full-disk',
      case: 'pipeline --specs-dir under a file (ENOTDIR)',
      expected: 'exit 3, one line',
      produced: cell(`exit ${result.exitCode}: ${errorLines(result)[0] ?? result.stderr}`),
    });
    expect(result.exitCode, result.stderr).toBe(3);
    expect(errorLines(result)).toHaveLength(1);
    expect(errorLines(result)[0]).toMatch(/ENOTDIR|not a directory/i);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});
