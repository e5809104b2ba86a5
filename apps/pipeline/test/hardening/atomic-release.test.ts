import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_README } from '../../src/test-support/workspace.js';
import { BIN, type CliResult, collectChild } from './support/cli.js';
import { cell, record } from './support/record.js';
import { copyTree, makeRoot, SLICES } from './support/roots.js';
import { hashTree } from './support/tree-state.js';

/*
 * `--publish` is atomic (issue 16, class 5). The release used to be rebuilt in place (`rm`,
 * then one file after another), and its notes compared with the `specs/` that the same run had
 * just switched: a signal left `dist/release/` torn or empty, and the rerun wrote notes saying
 * that nothing changed. Here the real bin is killed (SIGKILL and SIGTERM) at each checkpoint of
 * the run (PROXMOX_OPENAPI_TEST_KILL_AT) and before single file-system calls below `dist/`
 * (support/kill-at-fs-op.mjs); each time `dist/release/` must be the whole old release, the
 * whole new one, or absent inside its swap with a journal that the next run finishes, and the
 * rerun must leave every file of `dist/release/` byte-identical to an uninterrupted run's,
 * RELEASE_NOTES.md included. A damaged previous release is reported in one line and treated as
 * none; staging leftovers are swept by the next run.
 *
 * The archive holds specs/, whose manifest names the sources by absolute path: so each worker
 * runs its cases in one fixed folder, and its uninterrupted reference run in the same folder.
 */

const PRELOAD = fileURLToPath(new URL('./support/kill-at-fs-op.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
// Another build's bin (main's, to show that these cases fail there).
const BIN_UNDER_TEST = process.env.PROXMOX_OPENAPI_HARDENING_BIN ?? BIN;
const WORKERS = 2;
const FS_MOMENTS = 12;

const COMMON = ['--api', 'both', '--no-site', '--cache-dir', 'cache', '--lock-timeout', '0'];
const OLD_RUN = ['pipeline', ...COMMON, '--source', 'pve=pve-old.json', '--source', 'pbs=pbs-old.json'];
const NEW_RUN = ['pipeline', ...COMMON, '--source', 'pve=pve-new.json', '--source', 'pbs=pbs-new.json'];
const PUBLISH_NEW = [...NEW_RUN, '--publish'];

function runPipeline(
  root: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
  preload = false,
): Promise<CliResult> {
  const child = spawn(
    process.execPath,
    [...(preload ? ['--import', PRELOAD] : []), BIN_UNDER_TEST, ...argv],
    {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...env },
    },
  );
  return collectChild(child);
}

/** One worker's fixed folder and what an uninterrupted run leaves in `dist/release/` there. */
interface Worker {
  root: string;
  /**
   * The stage cache after this folder's uninterrupted run: every case starts with it, so that
   * its runs replay generate, validate and stats instead of repeating them (what is killed is
   * the publish step, the same with or without; the cache keys name the folder's sources by
   * absolute path, hence one per folder).
   */
  cache: string;
  /** The new release after an uninterrupted `--publish` over the old release. */
  release: Record<string, string>;
  notes: string;
  /** The new release after an uninterrupted `--publish` with no release before it. */
  firstRelease: Record<string, string>;
  firstNotes: string;
}

let base: string;
let oldRelease: Record<string, string>;
let checkpoints: string[];
let fsOperations: string[];
/** The file-system calls below dist/ that the fs-op cases kill before (1-based). */
let fsMoments: number[] = [];
const workers: Worker[] = [];
const scratch: string[] = [];

/** Every rename, the first and the last call, the rest spread evenly: `count` moments in all. */
function chooseMoments(operations: readonly string[], count: number): number[] {
  const chosen = new Set<number>([1, operations.length]);
  operations.forEach((line, i) => {
    if (/^\d+ rename /.test(line)) chosen.add(i + 1);
  });
  for (let i = 0; chosen.size < count && i < count; i++) {
    chosen.add(1 + Math.round((i * (operations.length - 1)) / (count - 1)));
  }
  for (let k = 1; chosen.size < count && k <= operations.length; k++) chosen.add(k);
  return [...chosen].sort((a, b) => a - b).slice(0, count);
}

/**
 * Puts a fresh copy of the base (old specs, old release) in the worker's folder, with `cache`
 * (a stage cache warmed in that folder) in place of the base's.
 */
async function reset(root: string, cache?: string): Promise<void> {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
  // Modification times kept: a file source's mtime is its fetch time in the manifest.
  await copyTree(base, root);
  if (cache) {
    await rm(join(root, 'cache'), { recursive: true, force: true });
    await copyTree(cache, join(root, 'cache'));
  }
}

const releaseOf = async (root: string) => hashTree(join(root, 'dist', 'release'));
const notesOf = (root: string) => readFile(join(root, 'dist', 'release', 'RELEASE_NOTES.md'), 'utf8');
const leftovers = async (root: string) => [
  ...(await readdir(join(root, 'dist')).catch(() => [] as string[])).filter((n) => n.startsWith('.')),
  ...(await readdir(root)).filter((n) => n.startsWith('.specs-staging-')),
];

beforeAll(async () => {
  base = await makeRoot('release-base');
  await writeFile(join(base, 'README.md'), ROOT_README);
  await writeFile(join(base, 'pve-old.json'), SLICES.pveOld());
  await writeFile(join(base, 'pbs-old.json'), SLICES.pbsOld());
  await writeFile(join(base, 'pve-new.json'), SLICES.pveNew());
  await writeFile(join(base, 'pbs-new.json'), SLICES.pbsNew());
  // The specs published before, and their release (compared with the specs before them: none).
  const old = await runPipeline(base, [...OLD_RUN, '--publish']);
  expect(old.exitCode, old.stderr).toBe(0);
  oldRelease = (await releaseOf(base)) ?? {};
  for (let i = 0; i < WORKERS; i++) {
    const parent = await mkdtemp(join(tmpdir(), `hardening-release-w${i}-`));
    scratch.push(parent);
    const root = join(parent, 'root');
    await reset(root);
    const full = await runPipeline(root, [...PUBLISH_NEW, '--report', 'run.json']);
    expect(full.exitCode, full.stderr).toBe(0);
    const release = (await releaseOf(root)) ?? {};
    const notes = await notesOf(root);
    // The cache this run warmed (old and new sources) is where every later run here starts;
    // the next worker's folder starts from it too (generate and validate do not depend on the
    // folder, only stats does).
    const cache = join(parent, 'cache');
    await copyTree(join(root, 'cache'), cache);
    await rm(join(base, 'cache'), { recursive: true, force: true });
    await copyTree(cache, join(base, 'cache'));
    if (i === 0) {
      checkpoints = (JSON.parse(await readFile(join(root, 'run.json'), 'utf8')) as { checkpoints: string[] })
        .checkpoints;
      // The file-system calls below dist/ of the same run, to place kills between them.
      await reset(root, cache);
      const log = join(parent, 'fs.log');
      const probe = await runPipeline(
        root,
        PUBLISH_NEW,
        { HARDENING_FS_SCOPE: `${root}/dist/`, HARDENING_FS_LOG: log },
        true,
      );
      expect(probe.exitCode, probe.stderr).toBe(0);
      fsOperations = (await readFile(log, 'utf8')).trimEnd().split('\n');
      fsMoments = chooseMoments(fsOperations, FS_MOMENTS);
    }
    await reset(root, cache);
    await rm(join(root, 'dist'), { recursive: true });
    const first = await runPipeline(root, PUBLISH_NEW);
    expect(first.exitCode, first.stderr).toBe(0);
    workers.push({
      root,
      cache,
      release,
      notes,
      firstRelease: (await releaseOf(root)) ?? {},
      firstNotes: await notesOf(root),
    });
  }
}, 600_000);

afterAll(async () => {
  await Promise.all(
    [base, ...scratch].map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 }).catch(() => {})),
  );
});

/** Takes a free worker folder for one case (WORKERS cases run at a time), and gives it back. */
const waiting: ((worker: Worker) => void)[] = [];
const free: Worker[] = [];
let pooled = false;
async function withWorker<T>(run: (worker: Worker) => Promise<T>): Promise<T> {
  if (!pooled) {
    free.push(...workers);
    pooled = true;
  }
  const worker = free.pop() ?? (await new Promise<Worker>((resolve) => waiting.push(resolve)));
  try {
    return await run(worker);
  } finally {
    const next = waiting.shift();
    if (next) next(worker);
    else free.push(worker);
  }
}

/**
 * What `dist/release/` is: the whole old release, the whole new one (as the worker's
 * uninterrupted run left it), absent, another whole release (every file matches SHA256SUMS, but
 * some differ from the new one's), or torn.
 */
async function releaseState(worker: Worker): Promise<string> {
  const now = await releaseOf(worker.root);
  if (now === undefined) return 'absent';
  const same = (a: Record<string, string>) => JSON.stringify(a) === JSON.stringify(now);
  if (same(oldRelease)) return 'old';
  if (same(worker.release)) return 'new';
  const sums = await readFile(join(worker.root, 'dist', 'release', 'SHA256SUMS'), 'utf8').catch(() => '');
  const listed = sums
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('  '));
  const whole =
    listed.length > 0 &&
    listed.every(([hash, name]) => name !== undefined && now[name] === hash) &&
    Object.keys(now).length === listed.length + 1;
  const differ = Object.keys(worker.release).filter((name) => now[name] !== worker.release[name]);
  return whole
    ? `another release (differs in ${differ.join(', ')})`
    : `torn (${Object.keys(now).length} files: ${Object.keys(now).sort().join(', ') || 'none'})`;
}

/** True when the swap of the release had begun: a work folder holds the previous release. */
async function swapBegun(root: string): Promise<boolean> {
  const dist = join(root, 'dist');
  for (const name of await readdir(dist).catch(() => [] as string[])) {
    if (name.startsWith('.release-staging-') && existsSync(join(dist, name, 'old'))) return true;
  }
  return false;
}

interface Outcome {
  atKill: string;
  after: string;
  notesSame: boolean;
  left: string[];
}

/** Kills one run as `env` says, reruns it, and judges both. */
async function killAndRerun(worker: Worker, env: NodeJS.ProcessEnv, preload: boolean): Promise<Outcome> {
  await reset(worker.root, worker.cache);
  const killed = await runPipeline(worker.root, PUBLISH_NEW, env, preload);
  let atKill = await releaseState(worker);
  if (killed.signal === null) atKill = `not killed (exit ${killed.exitCode}), ${atKill}`;
  else if (atKill === 'absent' && (await swapBegun(worker.root))) atKill = 'absent inside its swap';
  const rerun = await runPipeline(worker.root, PUBLISH_NEW);
  if (rerun.exitCode !== 0) {
    return { atKill, after: `rerun exit ${rerun.exitCode}: ${rerun.stderr}`, notesSame: false, left: [] };
  }
  const after = await releaseState(worker);
  const notesSame = (await notesOf(worker.root).catch(() => '')) === worker.notes;
  return { atKill, after, notesSame, left: await leftovers(worker.root) };
}

const KILL_EXPECTED = 'old/new (or inside its swap) at the kill; new, same notes';

function produced(outcome: Outcome): string {
  return cell(
    `${outcome.atKill} → rerun: ${outcome.after}, notes ${outcome.notesSame ? 'identical' : 'DIFFER'}${outcome.left.length ? `, left ${outcome.left.join(' ')}` : ''}`,
  );
}

function judge(outcome: Outcome): void {
  expect(outcome.atKill, 'the run was killed').not.toMatch(/^not killed/);
  expect(['old', 'new', 'absent inside its swap'], 'dist/release at the kill').toContain(outcome.atKill);
  expect(outcome.after, 'dist/release after the rerun').toBe('new');
  expect(outcome.notesSame, 'RELEASE_NOTES.md equals the uninterrupted run').toBe(true);
  expect(outcome.left, 'staging leftovers').toEqual([]);
}

// The checkpoints of a two-API `--publish` run, in order (the probe run must list them so).
const CHECKPOINTS = [
  'README of pve',
  'README of pbs',
  'manifest',
  'release staged',
  'release ready',
  'staged tree flushed',
  'commit marker written',
  'commit marker in place',
  'previous specs moved aside',
  'new specs in place',
  'work folder removed',
  'previous release moved aside',
  'new release in place',
  'release work folder removed',
  'root README',
];

describe.concurrent('--publish killed at a checkpoint, then run again', () => {
  it('the probe run passes every checkpoint, in order', (context) => {
    record(context, {
      category: 'release',
      case: 'checkpoints of an uninterrupted --publish',
      expected: `${CHECKPOINTS.length} in order`,
      produced: cell(checkpoints.join(', '), 300),
    });
    expect(checkpoints).toEqual(CHECKPOINTS);
  });
  // SIGKILL at every checkpoint; SIGTERM (no handler: the default action ends the process) from
  // the release on.
  const cases = [
    ...CHECKPOINTS.map((label) => ({ signal: 'SIGKILL', label })),
    ...CHECKPOINTS.slice(CHECKPOINTS.indexOf('release staged')).map((label) => ({
      signal: 'SIGTERM',
      label,
    })),
  ];
  for (const { signal, label } of cases) {
    it(`${signal} at "${label}"`, { timeout: 1_200_000 }, async (context) => {
      const step = checkpoints.indexOf(label) + 1;
      const outcome =
        step === 0
          ? { atKill: 'no such checkpoint', after: '-', notesSame: false, left: [] }
          : await withWorker((worker) =>
              killAndRerun(
                worker,
                { PROXMOX_OPENAPI_TEST_KILL_AT: String(step), PROXMOX_OPENAPI_TEST_KILL_SIGNAL: signal },
                false,
              ),
            );
      record(context, {
        category: 'release',
        case: `${signal} at checkpoint "${label}", then --publish again`,
        expected: KILL_EXPECTED,
        produced: produced(outcome),
      });
      judge(outcome);
    });
  }

  for (let k = 0; k < FS_MOMENTS; k++) {
    it(`SIGTERM before chosen dist/ call ${k + 1} of ${FS_MOMENTS}`, {
      timeout: 1_200_000,
    }, async (context) => {
      const moment = fsMoments[k];
      if (moment === undefined)
        throw new Error(`only ${fsMoments.length} moments: ${fsOperations.join('; ')}`);
      const outcome = await withWorker((worker) =>
        killAndRerun(
          worker,
          {
            HARDENING_FS_SCOPE: `${worker.root}/dist/`,
            HARDENING_KILL_AT_OP: String(moment),
            HARDENING_KILL_SIGNAL: 'SIGTERM',
          },
          true,
        ),
      );
      const operation = (fsOperations[moment - 1] ?? '')
        .replace(/^\d+ /, '')
        .replace(/-\d+-[0-9a-f]{8}/, '-…');
      record(context, {
        category: 'release',
        case: `SIGTERM before dist/ call ${moment}/${fsOperations.length}: ${operation}`,
        expected: KILL_EXPECTED,
        produced: produced(outcome),
      });
      judge(outcome);
    });
  }
});

/** Ways a previous release can be damaged, applied to `dist/release/`. */
const DAMAGES: [string, (dir: string) => Promise<void>][] = [
  [
    'RELEASE_NOTES.md edited after SHA256SUMS',
    (dir) => writeFile(join(dir, 'RELEASE_NOTES.md'), '# edited\n'),
  ],
  [
    'release-manifest.json cut, SHA256SUMS updated to match',
    async (dir) => {
      const text = (await readFile(join(dir, 'release-manifest.json'), 'utf8')).slice(0, 200);
      await writeFile(join(dir, 'release-manifest.json'), text);
      const sums = (await readFile(join(dir, 'SHA256SUMS'), 'utf8')).replace(
        /^[0-9a-f]{64}( {2}release-manifest\.json)$/m,
        `${createHash('sha256').update(text).digest('hex')}$1`,
      );
      await writeFile(join(dir, 'SHA256SUMS'), sums);
    },
  ],
  ['SHA256SUMS removed', (dir) => rm(join(dir, 'SHA256SUMS'))],
  ['pve-api.json removed', (dir) => rm(join(dir, 'pve-api.json'))],
  [
    'no release-manifest.json (a release made before it)',
    async (dir) => {
      await rm(join(dir, 'release-manifest.json'));
      const sums = (await readFile(join(dir, 'SHA256SUMS'), 'utf8')).replace(
        /^.* {2}release-manifest\.json\n/m,
        '',
      );
      await writeFile(join(dir, 'SHA256SUMS'), sums);
    },
  ],
];

describe.concurrent('a damaged previous release', () => {
  for (const [name, damage] of DAMAGES) {
    it(`${name}: one line, treated as none`, { timeout: 1_200_000 }, async (context) => {
      const { run, same, lines } = await withWorker(async (worker) => {
        await reset(worker.root, worker.cache);
        await damage(join(worker.root, 'dist', 'release'));
        const run = await runPipeline(worker.root, PUBLISH_NEW);
        const release = await releaseOf(worker.root);
        // Treated as none: the release equals the one this folder got with no dist/release at all.
        const same = JSON.stringify(release) === JSON.stringify(worker.firstRelease);
        return { run, same, lines: run.stderr.split('\n').filter((l) => /previous release/.test(l)) };
      });
      record(context, {
        category: 'release',
        case: `--publish over a previous release with ${name}`,
        expected: 'exit 0; one line; release = with none before',
        produced: cell(
          `exit ${run.exitCode}; ${lines.length} line(s): ${lines[0] ?? '-'}; release ${same ? '= with none before' : 'DIFFERS'}`,
        ),
      });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /the previous release in dist\/release is damaged \(.+\): the release notes compare as if there were none$/,
      );
      expect(same).toBe(true);
    });
  }

  it('damaged, killed after specs/ was switched: the rerun writes the notes of the uninterrupted run', {
    timeout: 1_200_000,
  }, async (context) => {
    const step = checkpoints.indexOf('new specs in place') + 1;
    const { killed, rerun, same, firstNotes } = await withWorker(async (worker) => {
      await reset(worker.root, worker.cache);
      await rm(join(worker.root, 'dist', 'release', 'SHA256SUMS'));
      const killed = await runPipeline(worker.root, PUBLISH_NEW, {
        PROXMOX_OPENAPI_TEST_KILL_AT: String(step),
      });
      const rerun = await runPipeline(worker.root, PUBLISH_NEW);
      const notes = await notesOf(worker.root).catch(() => '');
      return { killed, rerun, same: notes === worker.firstNotes, firstNotes: worker.firstNotes };
    });
    record(context, {
      category: 'release',
      case: 'damaged previous release, SIGKILL at "new specs in place", then --publish again',
      expected: 'notes = those of an uninterrupted run',
      produced: cell(
        `killed by ${killed.signal ?? 'nothing'}; rerun exit ${rerun.exitCode}; notes ${same ? 'identical' : 'DIFFER'}`,
      ),
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(same).toBe(true);
    expect(firstNotes).toContain('Compared with the specs published before this run');
  });
});

describe.concurrent('release staging leftovers', () => {
  const LEFTOVERS: [string, string | undefined][] = [
    ['a release staging folder that never became ready', undefined],
    [
      'a ready release staging folder for specs that were never switched',
      `{"specsManifest":"${'0'.repeat(64)}"}\n`,
    ],
  ];
  for (const [name, ready] of LEFTOVERS) {
    it(`${name} is swept by the next run, the release kept`, { timeout: 1_200_000 }, async (context) => {
      // A pid that belonged to a process that has ended (a live one's folder is left alone).
      const deadPid = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      });
      const { run, left, state } = await withWorker(async (worker) => {
        await reset(worker.root, worker.cache);
        const work = join(worker.root, 'dist', `.release-staging-${deadPid}-0123abcd`);
        await mkdir(join(work, 'new'), { recursive: true });
        await writeFile(join(work, 'new', 'RELEASE_NOTES.md'), '# half a release\n');
        if (ready !== undefined) await writeFile(join(work, 'READY'), ready);
        // A run without --publish: recovery is every run's first step.
        const run = await runPipeline(worker.root, NEW_RUN);
        return { run, left: await leftovers(worker.root), state: await releaseState(worker) };
      });
      record(context, {
        category: 'release',
        case: `pipeline (no --publish) after a kill left ${name}`,
        expected: 'exit 0; swept; dist/release old',
        produced: cell(
          `exit ${run.exitCode}; ${left.length ? `left ${left.join(' ')}` : 'swept'}; dist/release ${state}`,
        ),
      });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(left).toEqual([]);
      expect(state).toBe('old');
    });
  }

  it('git ignores the release staging folder', (context) => {
    const path = 'dist/.release-staging-4242-0123abcd/new/RELEASE_NOTES.md';
    const check = spawnSync('git', ['-C', REPO, 'check-ignore', '--no-index', '-q', path]);
    record(context, {
      category: 'release',
      case: `git check-ignore ${path} (control: dist/ is ignored)`,
      expected: 'ignored',
      produced: check.status === 0 ? 'ignored' : 'not ignored',
    });
    expect(check.status).toBe(0);
  });
});
