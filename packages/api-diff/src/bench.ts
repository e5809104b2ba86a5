import { loadavg } from 'node:os';
import { type ApiTree, markdownTable } from '@proxmox-openapi/core';
import { HISTORY_FIXTURES, loadFixtureTree, newestFixture } from '@proxmox-openapi/test-fixtures';
import { buildChangelog, type LabelledTree } from './changelog.js';
import { diffApis } from './diff-apis.js';

/*
 * `pnpm bench`: the time of a diff of two PVE trees and of the whole history (the trees are
 * parsed before the clock starts). "cold" is the first run in this process, "warm" the median
 * of the runs after it; CPU is this process's user + system time, less disturbed by other load
 * than the wall clock. Prints a table; asserts nothing.
 */

const WARM_RUNS = 7;

interface Row {
  what: string;
  pairs: number;
  changes: number;
  cold: { wall: number; cpu: number };
  warm: { wall: number; cpu: number };
}

function time(run: () => number): { wall: number; cpu: number; changes: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const changes = run();
  const wall = performance.now() - t0;
  const used = process.cpuUsage(c0);
  return { wall, cpu: (used.user + used.system) / 1000, changes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function measure(what: string, pairs: number, run: () => number): Row {
  const cold = time(run);
  const warm = Array.from({ length: WARM_RUNS }, () => time(run));
  return {
    what,
    pairs,
    changes: cold.changes,
    cold: { wall: cold.wall, cpu: cold.cpu },
    warm: { wall: median(warm.map((w) => w.wall)), cpu: median(warm.map((w) => w.cpu)) },
  };
}

const history: LabelledTree[] = HISTORY_FIXTURES.map((f) => ({
  label: `pve-docs ${f.docsVersion}`,
  date: f.date,
  tree: loadFixtureTree(f.file) as ApiTree,
}));
const snapshot = newestFixture('pve');
history.push({
  label: `snapshot ${snapshot.date}`,
  date: snapshot.date,
  tree: loadFixtureTree(snapshot.file) as ApiTree,
});
const byLabel = (label: string) => history.find((v) => v.label === label)?.tree as ApiTree;

const rows: Row[] = [
  measure('diff pve-docs 8.3.2 → 9.0.8 (605 → 646 operations)', 1, () => {
    return diffApis(byLabel('pve-docs 8.3.2'), byLabel('pve-docs 9.0.8')).changes.length;
  }),
  measure('diff of every consecutive pair of the history', history.length - 1, () => {
    let changes = 0;
    for (let i = 1; i < history.length; i++) {
      changes += diffApis((history[i - 1] as LabelledTree).tree, (history[i] as LabelledTree).tree).changes
        .length;
    }
    return changes;
  }),
  measure('buildChangelog: the same plus Markdown and JSON', history.length - 1, () => {
    return buildChangelog('pve', history).changelog.sections.reduce((n, s) => n + s.changes.length, 0);
  }),
];

const ms = (n: number) => `${n.toFixed(0)} ms`;
const head = [
  'what',
  'pairs',
  'changes',
  'cold wall',
  'cold CPU',
  `warm wall (median of ${WARM_RUNS})`,
  'warm CPU',
];
const lines = rows.map((r) => [
  r.what,
  String(r.pairs),
  String(r.changes),
  ms(r.cold.wall),
  ms(r.cold.cpu),
  ms(r.warm.wall),
  ms(r.warm.cpu),
]);
process.stdout.write(
  `api-diff bench (Node ${process.version}, PVE history 7.0-3 to 9.1.2 + snapshot ${snapshot.date}, load average ${loadavg()[0]?.toFixed(1)}; goal: one pair ≤ 150 ms)\n\n`,
);
process.stdout.write(`${markdownTable([head, ...lines])}\n`);
