import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, SPECS_LAYOUT } from '@proxmox-openapi/core';
import { findWorkspaceRoot } from '../cli/workspace-root.js';
import type { RunReport } from '../report/run-report.js';

/*
 * `pnpm bench`: the whole pipeline for both APIs from the committed snapshots (--offline), as
 * the CLI runs it (a child process each time, start-up included):
 *   cold  an empty stage cache: every stage does its work;
 *   warm  the same inputs again: every keyed stage is replayed from the cache.
 * Each is run RUNS times in a fresh copy of the snapshots; the table shows the median, and the
 * share of each stage in the cold runs' stage time (the two APIs run side by side, so stage
 * times add up to more than the wall time).
 */

const RUNS = Number(process.env.PROXMOX_OPENAPI_BENCH_RUNS ?? 3);
const BIN = fileURLToPath(new URL('../../bin/proxmox-openapi.js', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function run(cwd: string, args: string[]): Promise<{ ms: number; code: number | null }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'pipeline', ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`pipeline exited with ${code}: ${stderr.trim()}`));
      else resolve({ ms: performance.now() - started, code });
    });
  });
}

async function workspace(repo: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pipeline-bench-'));
  await writeFile(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
  for (const api of ['pve', 'pbs']) {
    for (const file of [SPECS_LAYOUT.snapshot, SPECS_LAYOUT.snapshotMeta]) {
      await cp(join(repo, 'specs', api, file), join(dir, 'specs', api, file));
    }
  }
  return dir;
}

const ratio = (a: number[], b: number[]): string => `${((median(a) / median(b)) * 100).toFixed(0)} %`;
const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const repo = findWorkspaceRoot(process.cwd());
  const cold: number[] = [];
  const warm: number[] = [];
  const inProcess = { cold: [] as number[], warm: [] as number[] };
  const cpu = { cold: [] as number[], warm: [] as number[] };
  const stageTotals = new Map<string, number[]>();
  for (let i = 0; i < RUNS; i++) {
    const dir = await workspace(repo);
    // PVE and PBS, as the README's numbers were measured (the command's default is every API).
    const args = ['--api', 'both', '--offline', '--cache-dir', join(dir, 'cache')];
    cold.push((await run(dir, [...args, '--report', 'cold.json'])).ms);
    warm.push((await run(dir, [...args, '--report', 'warm.json'])).ms);
    const coldReport = JSON.parse(await readFile(join(dir, 'cold.json'), 'utf8')) as RunReport;
    const warmReport = JSON.parse(await readFile(join(dir, 'warm.json'), 'utf8')) as RunReport;
    inProcess.cold.push(coldReport.durationMs);
    inProcess.warm.push(warmReport.durationMs);
    cpu.cold.push(coldReport.cpuMs);
    cpu.warm.push(warmReport.cpuMs);
    if (warmReport.cache.replayed !== warmReport.cache.keyedStages) {
      throw new Error(
        `the warm run replayed ${warmReport.cache.replayed} of ${warmReport.cache.keyedStages} stages`,
      );
    }
    for (const target of coldReport.targets) {
      for (const stage of target.stages) {
        const key = `${stage.stage} (${target.api})`;
        stageTotals.set(key, [...(stageTotals.get(key) ?? []), stage.durationMs]);
      }
    }
    await rm(dir, { recursive: true, force: true });
  }
  const rows = [
    ['run (both APIs, --offline)', 'wall time, median', 'inside the run', 'CPU (all threads)', 'runs'],
    [
      'cold (empty cache)',
      fmt(median(cold)),
      fmt(median(inProcess.cold)),
      fmt(median(cpu.cold)),
      String(RUNS),
    ],
    [
      'warm (nothing changed)',
      fmt(median(warm)),
      fmt(median(inProcess.warm)),
      fmt(median(cpu.warm)),
      String(RUNS),
    ],
    ['warm / cold', ratio(warm, cold), ratio(inProcess.warm, inProcess.cold), ratio(cpu.warm, cpu.cold), ''],
  ];
  process.stdout.write(`${markdownTable(rows)}\n\n`);
  const total = [...stageTotals.values()].reduce((sum, v) => sum + median(v), 0);
  const stageRows = [['stage (cold)', 'median', 'share of stage time']];
  for (const [key, values] of stageTotals) {
    stageRows.push([key, fmt(median(values)), `${((median(values) / total) * 100).toFixed(1)} %`]);
  }
  process.stdout.write(`${markdownTable(stageRows)}\n`);
  process.stdout.write(
    `\nthe cold runs' stage time adds up to ${fmt(total)} in ${fmt(median(inProcess.cold))} of run time: ${(total / median(inProcess.cold)).toFixed(2)}x, the two APIs in parallel.\n`,
  );
  process.stdout.write(
    `\nwall time includes the CLI's start-up (Node, module loading); "inside the run" is the run report's duration.\n`,
  );
}

await main();
