import { readFileSync } from 'node:fs';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnd, runBoundedBin } from './support/bounded-bin.js';
import { errorLines, hasStackTrace } from './support/cli.js';
import { caseRoot, makePublishedRoot, REBUILD_PVE } from './support/published-root.js';
import { cell, record } from './support/record.js';

/*
 * The run lock's owner (issue 16, class 4) and what stands where the lock folder should be
 * (class 11). A lock was taken over only when its pid was dead: a pid reused by another live
 * process, pid 0 (kill(0) reaches the caller's own group) and, in a pid namespace, a pid that
 * is the run's own all held the lock forever. The owner is now (pid, start time, boot id).
 * Every case runs with --lock-timeout 0: a refusal ends at once, by the code.
 */

const LOCK = '.specs-staging-specs.lock';
const myStart = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ')[19] ?? '';
const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

let base: string;
const roots: string[] = [];

beforeAll(async () => {
  base = await makePublishedRoot('lock-base');
});

afterAll(async () => {
  await Promise.all([base, ...roots].map((r) => rm(r, { recursive: true, force: true })));
});

async function withLock(owner: Record<string, unknown> | undefined, old = false): Promise<string> {
  const root = await caseRoot(base, 'lock');
  roots.push(root);
  const lock = join(root, LOCK);
  await mkdir(lock);
  if (owner) await writeFile(join(lock, 'owner.json'), `${JSON.stringify(owner)}\n`);
  if (old) {
    const past = new Date(Date.now() - 10 * 60_000);
    await utimes(lock, past, past);
  }
  return root;
}

const startedAt = '2026-01-01T00:00:00.000Z';

describe('a lock whose owner is gone by (pid, start time, boot id) is taken over', () => {
  const CASES = [
    {
      label: 'pid of a live process with another start time (a reused pid)',
      owner: () => ({ pid: process.pid, host: hostname(), startedAt, processStart: '1', bootId: boot }),
    },
    {
      label: 'a live pid, the same start time, another boot id',
      owner: () => ({
        pid: process.pid,
        host: hostname(),
        startedAt,
        processStart: myStart,
        bootId: 'another-boot',
      }),
    },
    {
      label: 'pid 0 (a ten-minute-old folder)',
      owner: () => ({ pid: 0, host: hostname(), startedAt }),
      old: true,
    },
    {
      label: 'pid -1 (a ten-minute-old folder)',
      owner: () => ({ pid: -1, host: hostname(), startedAt }),
      old: true,
    },
  ];
  for (const c of CASES) {
    it(c.label, async (context) => {
      const root = await withLock(c.owner(), c.old);
      const result = await runBoundedBin(REBUILD_PVE, root);
      record(context, {
        category: 'lock',
        case: `lock owned by ${c.label}`,
        expected: 'taken over: exit 0, published',
        produced: cell(describeEnd(result, errorLines(result)[0] ?? 'published')),
      });
      expect(result.stopped).toBeUndefined();
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/published specs/);
    });
  }

  it('in a pid namespace, a record naming the run’s own pid (1) with another start time', async (context) => {
    // unshare puts the bin at pid 1 of a new pid namespace: the record names pid 1 of another namespace.
    const root = await withLock({ pid: 1, host: hostname(), startedAt, processStart: '1', bootId: boot });
    const result = await runBoundedBin(['--', ...REBUILD_PVE], root, {
      env: { PROXMOX_OPENAPI_HARDENING_WRAP: 'unshare' },
    });
    record(context, {
      category: 'lock',
      case: 'pid namespace: lock record names pid 1 (this run) with another start time',
      expected: 'taken over: exit 0, no waiting for itself',
      produced: cell(describeEnd(result, errorLines(result)[0] ?? 'published')),
    });
    expect(result.stopped).toBeUndefined();
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it('a live owner with its own start time and boot (control): refused, with stage and target', async (context) => {
    const root = await withLock({
      pid: process.pid,
      host: hostname(),
      startedAt,
      processStart: myStart,
      bootId: boot,
    });
    const result = await runBoundedBin(REBUILD_PVE, root);
    const line = errorLines(result)[0] ?? '';
    record(context, {
      category: 'lock',
      case: 'lock owned by a live process (pid, start time, boot id all match): control',
      expected: 'exit 3, one line: lock stage, specs',
      produced: cell(describeEnd(result, line)),
    });
    expect(result.exitCode, result.stderr).toBe(3);
    expect(line).toMatch(/lock stage: another pipeline run .* holds the run lock of specs \(/);
  });
});

describe('something else where the lock folder should be (class 11)', () => {
  it('a regular file: exit 3, one line with the stage and the target', async (context) => {
    const root = await caseRoot(base, 'lock');
    roots.push(root);
    await writeFile(join(root, LOCK), 'not a lock\n');
    const result = await runBoundedBin(REBUILD_PVE, root);
    const line = errorLines(result)[0] ?? '';
    record(context, {
      category: 'lock',
      case: 'a regular file at the lock folder path',
      expected: 'exit 3, one line: lock stage, specs, the path',
      produced: cell(describeEnd(result, line)),
    });
    expect(result.stopped).toBeUndefined();
    expect(result.exitCode, result.stderr).toBe(3);
    expect(errorLines(result)).toHaveLength(1);
    expect(line).toContain(
      `lock stage: cannot take the run lock of specs (${join(root, LOCK)}): it is a regular file`,
    );
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('an existing folder without an owner: one line with the stage and the target', async (context) => {
    const root = await withLock(undefined);
    // Not empty (rename replaces an empty folder, which is harmless), but no owner record.
    await writeFile(join(root, LOCK, 'notes.txt'), 'someone keeps notes here\n');
    const result = await runBoundedBin(REBUILD_PVE, root);
    const line = errorLines(result)[0] ?? '';
    record(context, {
      category: 'lock',
      case: 'an existing folder with a file, no owner record, at the lock path, --lock-timeout 0',
      expected: 'exit 3, one line: lock stage, specs, the path',
      produced: cell(describeEnd(result, line)),
    });
    expect(result.exitCode, result.stderr).toBe(3);
    expect(errorLines(result)).toHaveLength(1);
    expect(line).toContain(
      `lock stage: another pipeline run (a run that is starting, or a folder without an owner record) holds the run lock of specs (${join(root, LOCK)})`,
    );
  });
});
