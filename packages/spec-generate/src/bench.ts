import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ApiTree, countApiTree, getApiTarget, markdownTable } from '@proxmox-openapi/core';
import { loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import { generateSpec } from './generate-spec.js';
import { serializeSpec } from './serialize.js';

/*
 * `pnpm bench`: generate + serialize time and peak memory for PVE and PBS, one child process per
 * product so that its peak RSS is its own. "cold" is the first run in a fresh process (what the
 * CLI pays), "warm" the median of the runs after it. Prints a table; asserts nothing.
 */

const FIXTURES: Record<string, string> = {
  pve: 'pve-apidoc-2026-08-16.json.gz',
  pbs: 'pbs-apidoc-2026-08-16.json.gz',
};
const WARM_RUNS = 5;

interface Times {
  generate: number;
  serialize: number;
  /** CPU time of this process (user + system) for generate + serialize: less disturbed by other load. */
  cpu: number;
  cpuGenerate: number;
}

interface Measurement {
  api: string;
  operations: number;
  cold: Times;
  warm: Times;
  jsonBytes: number;
  yamlBytes: number;
  heapMiB: number;
  baseRssMiB: number;
  peakRssMiB: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function once(tree: ApiTree, api: string) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const document = generateSpec(tree, { target: getApiTarget(api) });
  const t1 = performance.now();
  const c1 = cpuMs(c0);
  const { json, yaml } = serializeSpec(document);
  const t2 = performance.now();
  const c2 = cpuMs(c0);
  return { times: { generate: t1 - t0, serialize: t2 - t1, cpu: c2, cpuGenerate: c1 }, json, yaml, document };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function measure(api: string): Measurement {
  const gc = (globalThis as { gc?: () => void }).gc;
  const file = FIXTURES[api] as string;
  const tree = loadFixtureTree(file) as unknown as ApiTree;
  gc?.();
  const baseRss = process.resourceUsage().maxRSS / 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  const first = once(tree, api);
  const peakRss = process.resourceUsage().maxRSS / 1024;
  gc?.();
  // What the document and its two serializations keep alive once garbage is collected.
  const heapAfter = process.memoryUsage().heapUsed;
  const warm: Times[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(once(tree, api).times);
  return {
    api,
    operations: countApiTree(tree).operations,
    cold: first.times,
    warm: {
      generate: median(warm.map((w) => w.generate)),
      serialize: median(warm.map((w) => w.serialize)),
      cpu: median(warm.map((w) => w.cpu)),
      cpuGenerate: median(warm.map((w) => w.cpuGenerate)),
    },
    jsonBytes: Buffer.byteLength(first.json),
    yamlBytes: Buffer.byteLength(first.yaml),
    heapMiB: (heapAfter - heapBefore) / 2 ** 20,
    baseRssMiB: baseRss,
    peakRssMiB: peakRss,
  };
}

function table(rows: Measurement[]): string {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const mib = (n: number) => `${n.toFixed(1)} MiB`;
  const head = [
    'API',
    'ops',
    'run',
    'generate',
    'serialize (JSON+YAML)',
    'total wall',
    'total CPU (generate)',
    'JSON size',
    'YAML size',
    'heap held (doc+text)',
    'peak RSS (tree loaded)',
  ];
  const lines = rows.flatMap((r) =>
    (['cold', 'warm'] as const).map((run) => {
      const t = r[run];
      return [
        r.api,
        String(r.operations),
        run === 'cold' ? 'cold (1st)' : `warm (median of ${WARM_RUNS})`,
        ms(t.generate),
        ms(t.serialize),
        ms(t.generate + t.serialize),
        `${ms(t.cpu)} (${ms(t.cpuGenerate)})`,
        mib(r.jsonBytes / 2 ** 20),
        mib(r.yamlBytes / 2 ** 20),
        run === 'cold' ? mib(r.heapMiB) : '',
        run === 'cold' ? `${mib(r.peakRssMiB)} (${mib(r.baseRssMiB)})` : '',
      ];
    }),
  );
  return markdownTable([head, ...lines]);
}

const [, , mode, api] = process.argv;
if (mode === '--one' && api) {
  process.stdout.write(JSON.stringify(measure(api)));
} else {
  const self = fileURLToPath(import.meta.url);
  const rows = Object.keys(FIXTURES).map(
    (id) =>
      JSON.parse(
        execFileSync(process.execPath, ['--expose-gc', self, '--one', id], { encoding: 'utf8' }),
      ) as Measurement,
  );
  const load = (await import('node:os')).loadavg()[0]?.toFixed(1);
  process.stdout.write(
    `spec-generate bench (Node ${process.version}, fixtures of 2026-08-16, OpenAPI 3.0, load average ${load})\n\n`,
  );
  process.stdout.write(`${table(rows)}\n`);
}
