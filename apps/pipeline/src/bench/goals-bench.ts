import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TARGETS, markdownTable, SPECS_LAYOUT } from '@proxmox-openapi/core';
import { findWorkspaceRoot } from '../cli/workspace-root.js';

/*
 * `pnpm bench` (root): the table of issue 17's goals, today's figures (measured idle before the
 * work on it, from the issue) beside this build's. Every run is the built CLI in a fresh child
 * process from the committed snapshots (`--offline`), median of RUNS runs; each child reports its
 * own CPU time (all threads) and peak memory through `usage-probe.js`.
 *   cold       `pipeline --api both --no-cache` (PVE and PBS)
 *   all        `pipeline --api all --no-cache` (every registered product)
 *   warm       `pipeline --api both` again with a filled stage cache (nothing changed)
 *   generate   `generate --api pve` (JSON and YAML)
 *   clone      a fresh clone, `pnpm install` with an empty store, `pnpm turbo run pipeline`:
 *              only with PROXMOX_OPENAPI_BENCH_CLONE=1 (minutes, and the npm registry).
 */

const RUNS = Math.max(1, Number(process.env.PROXMOX_OPENAPI_BENCH_RUNS ?? 5));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/proxmox-openapi.js', import.meta.url));
const PROBE = join(HERE, 'usage-probe.js');

interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
}

interface Row {
  run: string;
  goal: string;
  today: { wall?: string; cpu?: string; rss?: string };
  samples: Sample[];
  note?: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Runs the CLI in a child process with the usage probe; fails on a non-zero exit. */
async function cli(cwd: string, args: string[]): Promise<Sample> {
  const usageFile = join(cwd, `.usage-${process.hrtime.bigint()}.json`);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PROBE, BIN, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PROXMOX_OPENAPI_BENCH_USAGE: usageFile, PROXMOX_OPENAPI_PROGRESS: '0' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`proxmox-openapi ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
    });
  });
  const wallMs = performance.now() - started;
  const usage = JSON.parse(await readFile(usageFile, 'utf8')) as { cpuMs: number; maxRssMiB: number };
  await rm(usageFile, { force: true });
  return { wallMs, ...usage };
}

/** A throw-away workspace holding only the committed snapshots of every registered product. */
async function workspace(repo: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'goals-bench-'));
  await writeFile(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
  for (const { id: api } of API_TARGETS) {
    for (const file of [SPECS_LAYOUT.snapshot, SPECS_LAYOUT.snapshotMeta]) {
      await cp(join(repo, 'specs', api, file), join(dir, 'specs', api, file));
    }
  }
  return dir;
}

/** Wall time of a shell command (the fresh-clone row: many processes, so no CPU figure). */
async function shell(cwd: string, command: string): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`)),
    );
  });
  return performance.now() - started;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mib = (value: number): string => `${value.toFixed(0)} MiB`;

async function main(): Promise<void> {
  const repo = findWorkspaceRoot(process.cwd());
  const allApis = API_TARGETS.map((t) => t.id).join(', ');
  const rows: Record<string, Row> = {
    cold: {
      run: 'cold pipeline, PVE and PBS (--api both --no-cache)',
      goal: '≤ 2.5 s',
      today: { wall: '5.9 s', cpu: '10.4 s', rss: '329 MiB' },
      samples: [],
    },
    all: {
      run: `cold pipeline, every product (--api all: ${allApis})`,
      goal: '≤ 4 s',
      today: {},
      samples: [],
    },
    warm: {
      run: 'warm pipeline (nothing changed)',
      goal: '≤ 0.3 s',
      today: { wall: '1.0 s', cpu: '1.3 s', rss: '122 MiB' },
      samples: [],
    },
    generate: {
      run: 'generate --api pve (JSON + YAML)',
      goal: '≤ 0.6 s',
      today: { wall: '1.55 s', cpu: '2.05 s', rss: '155 MiB' },
      samples: [],
    },
  };
  const load = [loadavg()[0] ?? 0];
  for (let i = 0; i < RUNS; i++) {
    const dir = await workspace(repo);
    const cache = ['--cache-dir', join(dir, 'cache')];
    const both = ['pipeline', '--api', 'both', '--offline'];
    rows.cold?.samples.push(await cli(dir, [...both, '--no-cache']));
    rows.all?.samples.push(await cli(dir, ['pipeline', '--api', 'all', '--offline', '--no-cache']));
    await cli(dir, [...both, ...cache]);
    rows.warm?.samples.push(await cli(dir, [...both, ...cache]));
    await mkdir(join(dir, 'out'));
    rows.generate?.samples.push(
      await cli(dir, [
        'generate',
        '--api',
        'pve',
        '--input',
        join(dir, 'specs', 'pve', SPECS_LAYOUT.snapshot),
        '--out-dir',
        join(dir, 'out'),
      ]),
    );
    await rm(dir, { recursive: true, force: true });
    load.push(loadavg()[0] ?? 0);
  }

  const body: string[][] = [
    ['run', 'goal', 'today: wall', 'today: CPU', 'today: peak', 'now: wall', 'now: CPU', 'now: peak', 'runs'],
  ];
  let peak = 0;
  for (const row of Object.values(rows)) {
    const rss = Math.max(...row.samples.map((s) => s.maxRssMiB));
    peak = Math.max(peak, rss);
    body.push([
      row.run,
      row.goal,
      row.today.wall ?? 'n/a',
      row.today.cpu ?? 'n/a',
      row.today.rss ?? 'n/a',
      seconds(median(row.samples.map((s) => s.wallMs))),
      seconds(median(row.samples.map((s) => s.cpuMs))),
      mib(rss),
      String(row.samples.length),
    ]);
  }
  body.push(['peak memory of any of these', '≤ 250 MiB', '', '', '329 MiB', '', '', mib(peak), '']);

  let clone = 'not measured (PROXMOX_OPENAPI_BENCH_CLONE=1 runs it)';
  if (process.env.PROXMOX_OPENAPI_BENCH_CLONE === '1') {
    const dir = await mkdtemp(join(tmpdir(), 'goals-bench-clone-'));
    const ms = await shell(
      dir,
      `git clone -q ${JSON.stringify(repo)} repo && cd repo && pnpm install --frozen-lockfile --store-dir ../store >/dev/null && pnpm turbo run pipeline -- --offline >/dev/null`,
    );
    await rm(dir, { recursive: true, force: true });
    clone = seconds(ms);
  }
  body.push([
    'fresh clone → first specs',
    '≤ 30 s',
    '53 s',
    '',
    '',
    clone,
    '',
    '',
    clone.endsWith(' s') ? '1' : '',
  ]);

  process.stdout.write(`${markdownTable(body)}\n\n`);
  process.stdout.write(
    `median of ${RUNS} runs each; CPU is user + system time of every thread of the process; peak is the largest resident set of any run.\n` +
      `machine: ${cpus().length} cores, Node ${process.version}, 1-minute load average ${Math.min(...load).toFixed(1)} to ${Math.max(...load).toFixed(1)} during the runs.\n` +
      `"today" is the issue's measurement on the idle machine. Wall times depend on the load: compare CPU times, and take wall times again on an idle machine.\n`,
  );
}

await main();
