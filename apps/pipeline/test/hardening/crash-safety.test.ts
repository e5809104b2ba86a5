import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverStaging } from '../../src/publish/publish.js';
import { ROOT_README } from '../../src/test-support/workspace.js';
import { BIN, type CliResult } from './support/cli.js';
import { record } from './support/record.js';
import { copyRoot, makeRoot, SLICES } from './support/roots.js';
import { checkAgainstManifest, hashTree } from './support/tree-state.js';

/*
 * SIGKILL at 50 different moments of the publish step. The pipeline's own crash test
 * (src/pipeline-crash.test.ts) kills at each of its checkpoints; this one places the kill
 * before any single file-system call of the main thread below the workspace (the lock, the
 * staging folder, the assembly of the staged tree, the fsyncs, the commit marker, the two
 * renames, the clean-up, the root README), through a preloaded module (support/kill-at-fs-op.mjs),
 * and judges what is left by specs/manifest.json and the sha256 of every file.
 */

const MOMENTS = Number(process.env.PROXMOX_OPENAPI_CRASH_MOMENTS ?? 50);
// Every n-th moment (and every one that left specs/ absent or hit the lock) is followed by a real next run.
const NEXT_RUN_EVERY = Number(process.env.PROXMOX_OPENAPI_CRASH_NEXT_RUN_EVERY ?? 10);
const PARALLEL = 2;
const PRELOAD = fileURLToPath(new URL('./support/kill-at-fs-op.mjs', import.meta.url));
// The roots hold PVE and PBS only; the command's default is every registered API.
const NEW_SOURCES = [
  '--api',
  'both',
  '--source',
  'pve=pve-new.json',
  '--source',
  'pbs=pbs-new.json',
  '--cache-dir',
  'cache',
];

function runPipeline(root: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', PRELOAD, BIN, 'pipeline', ...args], {
    cwd: root,
    env: {
      ...process.env,
      NO_COLOR: '1',
      GITHUB_STEP_SUMMARY: '',
      HARDENING_FS_SCOPE: `${root}/`,
      HARDENING_FS_EXCLUDE: join(root, 'cache'),
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ exitCode: code ?? -1, stdout, stderr, signal }));
  });
}

let base: string;
let oldSet: string;
let newSet: string;
let oldReadme: string;
let newReadme: string;
let operations: string[];
const roots: string[] = [];

beforeAll(async () => {
  base = await makeRoot('crash-base');
  await writeFile(join(base, 'README.md'), ROOT_README);
  await writeFile(join(base, 'pve-old.json'), SLICES.pveOld());
  await writeFile(join(base, 'pbs-old.json'), SLICES.pbsOld());
  await writeFile(join(base, 'pve-new.json'), SLICES.pveNew());
  await writeFile(join(base, 'pbs-new.json'), SLICES.pbsNew());
  const old = await runPipeline(base, [
    '--api',
    'both',
    '--source',
    'pve=pve-old.json',
    '--source',
    'pbs=pbs-old.json',
    '--cache-dir',
    'cache',
  ]);
  expect(old.exitCode, old.stderr).toBe(0);
  oldSet = await signature(base);
  oldReadme = await readRooted(base, 'README.md');
  // Generating and validating the new sources is the same work in every root: it is done once
  // here, and every root below starts with its results in the stage cache (whose file-system
  // calls are outside the moments). What is killed is the publish step, the same with or without.
  const warm = await copyRoot(base, 'crash-warm');
  roots.push(warm);
  const warmed = await runPipeline(warm, NEW_SOURCES);
  expect(warmed.exitCode, warmed.stderr).toBe(0);
  await rm(join(base, 'cache'), { recursive: true, force: true });
  await cp(join(warm, 'cache'), join(base, 'cache'), { recursive: true, preserveTimestamps: true });
  // One uninterrupted run with the new sources: the new set, and the list of moments.
  const probe = await copyRoot(base, 'crash-probe');
  roots.push(probe);
  const log = join(probe, 'operations.log');
  const full = await runPipeline(probe, NEW_SOURCES, { HARDENING_FS_LOG: log });
  expect(full.exitCode, full.stderr).toBe(0);
  newSet = await signature(probe);
  newReadme = await readRooted(probe, 'README.md');
  operations = (await readFile(log, 'utf8')).trimEnd().split('\n');
});

afterAll(async () => {
  await Promise.all(
    [base, ...roots].map((root) => rm(root, { recursive: true, force: true, maxRetries: 5 }).catch(() => {})),
  );
});

type State = 'old' | 'new' | 'absent';

/**
 * What a root's specs/ holds, comparable across roots: each file's sha256 after taking the root
 * folders' paths out of its text (file sources are named by absolute URL, and a copied root
 * still holds the old set that the base root published). The manifest itself is checked
 * against the raw bytes by checkAgainstManifest, and compared here without its hashes and sizes.
 */
async function signature(root: string, dir = join(root, 'specs')): Promise<string> {
  const files = (await hashTree(dir)) ?? {};
  const normalized: Record<string, string> = {};
  for (const path of Object.keys(files)) {
    let text = (await readFile(join(dir, path), 'utf8'))
      .replaceAll(root, '<root>')
      .replaceAll(base, '<root>');
    if (path === 'manifest.json') {
      text = text
        .replace(/"sha256": "[0-9a-f]{64}"/g, '"sha256": "…"')
        .replace(/"(\w*)[bB]ytes": \d+/g, '"$1bytes": …');
    }
    normalized[path] = createHash('sha256').update(text).digest('hex');
  }
  return JSON.stringify(normalized);
}

async function readRooted(root: string, path: string): Promise<string> {
  return (await readFile(join(root, path), 'utf8')).replaceAll(root, '<root>').replaceAll(base, '<root>');
}

/** What specs/ is at this moment: complete old, complete new, or absent; anything else fails. */
async function specsState(root: string, at: string): Promise<State> {
  const specs = join(root, 'specs');
  if (!existsSync(specs)) return 'absent';
  expect(await checkAgainstManifest(specs), at).toBeUndefined();
  const found = await signature(root);
  const differs = (set: string): string[] => {
    const a = JSON.parse(set) as Record<string, string>;
    const b = JSON.parse(found) as Record<string, string>;
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);
  };
  expect(
    [oldSet, newSet],
    `${at}: specs/ is neither the old set (differs in ${differs(oldSet).join(', ')}) nor the new one (${differs(newSet).join(', ')})`,
  ).toContain(found);
  return found === oldSet ? 'old' : 'new';
}

async function committedStaging(root: string): Promise<boolean> {
  for (const name of await readdir(root)) {
    if (name.startsWith('.specs-staging-specs-') && existsSync(join(root, name, 'COMMIT'))) return true;
  }
  return false;
}

interface MomentResult {
  moment: number;
  operation: string;
  atCrash: State;
  committed: boolean;
  after: State;
  recoveredBy: string;
}

async function crashAt(moment: number): Promise<MomentResult> {
  const root = await copyRoot(base, `crash-${moment}`);
  roots.push(root);
  const operation = operations[moment - 1] ?? '';
  const at = `moment ${moment} (before ${operation})`;
  const killed = await runPipeline(root, NEW_SOURCES, { HARDENING_KILL_AT_OP: String(moment) });
  expect(killed.signal, `${at}: ${killed.stderr}`).toBe('SIGKILL');
  const atCrash = await specsState(root, at);
  const committed = await committedStaging(root);
  // specs/ is absent only between the two renames of the swap, after the commit point.
  if (atCrash === 'absent') expect(committed, at).toBe(true);
  // The root README is outside the swap, written atomically after it: old or new, never torn.
  expect([oldReadme, newReadme], at).toContain(await readRooted(root, 'README.md'));

  let recoveredBy: string;
  // A kill during the lock's own steps leaves lock folders behind: the next run must clear them.
  if (moment % NEXT_RUN_EVERY === 0 || atCrash === 'absent' || operation.includes('.lock.')) {
    // The real next run: takes over the dead run's lock, recovers, and publishes again.
    const next = await runPipeline(root, NEW_SOURCES);
    expect(next.exitCode, `${at}: ${next.stderr}`).toBe(0);
    // Nothing of the killed run is left beside specs/: no staging folder, no lock, no lock temp.
    expect(
      (await readdir(root)).filter((n) => n.startsWith('.specs-staging-')),
      at,
    ).toEqual([]);
    recoveredBy = 'next pipeline run';
  } else {
    // What every run does first, under the lock.
    await recoverStaging(join(root, 'specs'));
    recoveredBy = 'recoverStaging';
  }
  const after = await specsState(root, `${at}, after recovery`);
  if (recoveredBy === 'next pipeline run') expect(after, at).toBe('new');
  else if (committed || atCrash !== 'old') expect(after, `${at}: recovery went back`).toBe('new');
  else expect(after, at).toBe('old');
  const leftovers = (await readdir(root)).filter((n) => n.startsWith('.specs-staging-specs-'));
  expect(leftovers, at).toEqual([]);
  return { moment, operation, atCrash, committed, after, recoveredBy };
}

describe('crash safety of the publish step', () => {
  it(`leaves specs/ complete (old or new, by manifest and sha256) after SIGKILL at ${MOMENTS} moments, and recovers`, {
    timeout: 1_800_000,
  }, async (context) => {
    expect(operations.length, operations.join('\n')).toBeGreaterThanOrEqual(MOMENTS);
    expect(oldSet).not.toBe(newSet);
    // The moments just before each rename (the commit point and the two renames of the swap),
    // the first and the last, and the rest spread evenly over every moment there is.
    const chosen = new Set<number>([1, operations.length]);
    operations.forEach((line, i) => {
      if (/^\d+ rename /.test(line)) chosen.add(i + 1);
    });
    for (let i = 0; i < MOMENTS; i++) {
      chosen.add(1 + Math.round((i * (operations.length - 1)) / Math.max(MOMENTS - 1, 1)));
    }
    for (let k = 1; chosen.size < MOMENTS && k <= operations.length; k++) chosen.add(k);
    const moments = [...chosen].sort((a, b) => a - b);
    expect(moments.length).toBeGreaterThanOrEqual(MOMENTS);
    const results: MomentResult[] = [];
    const queue = [...moments];
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let moment = queue.shift(); moment !== undefined; moment = queue.shift()) {
          try {
            results.push(await crashAt(moment));
          } catch (error) {
            queue.length = 0; // the first failure ends the run; the other worker stops too
            throw error;
          }
        }
      }),
    );
    results.sort((a, b) => a.moment - b.moment);
    for (const r of results) {
      record(context, {
        category: 'crash',
        case: `SIGKILL before op ${r.moment}/${operations.length}: ${r.operation.replace(/^\d+ /, '').replace(/-\d+-[0-9a-f]{8}/, '-…')}`,
        expected: 'specs/ complete old or new; recovered',
        produced: `${r.atCrash}${r.committed ? ' (committed)' : ''} → ${r.after} via ${r.recoveredBy}`,
      });
    }
    const states = new Set(results.map((r) => `${r.atCrash}${r.committed ? '+commit' : ''}`));
    // The kills fell before the commit point, after it with the old set still in place, inside
    // the swap, and after it.
    expect([...states].sort()).toEqual(expect.arrayContaining(['old', 'old+commit', 'absent+commit', 'new']));
  });
});
