/**
 * `pnpm --filter @proxmox-openapi/validate bench`: validation time and peak memory
 * for PVE and PBS, Redocly's own `lint({ ref })` for comparison, and where Redocly's time goes.
 * Every measurement runs in a child process of its own, so that one peak RSS does not hide
 * in another's and every first call is really a first call.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiTree, apiDocumentFileName } from '@proxmox-openapi/core';
import { loadFixtureTree, newestFixture } from '@proxmox-openapi/test-fixtures';
import {
  BaseResolver,
  type Config,
  createConfig,
  detectSpec,
  getTypes,
  lint,
  lintDocument,
  makeDocumentFromString,
  normalizeTypes,
  resolveDocument,
  Source,
} from '@redocly/openapi-core';
import { checkCoverage } from '../coverage-check.js';
import { checkPatterns } from '../pattern-check.js';
import { REDOCLY_CONFIG } from '../redocly-config.js';
import { validateSpec } from '../validate-spec.js';
import { checkYaml } from '../yaml-check.js';
import { benchDocument } from './bench-document.js';

type Api = 'pve' | 'pbs';
type Mode = 'validate' | 'redocly-file' | 'breakdown' | 'profile';

interface Measured {
  /** Milliseconds per step, in the order they were measured. */
  timings: Record<string, number>;
  /** Resident memory once the document is in memory, before the measured work. */
  startRssMb: number;
  peakRssMb: number;
  bytes: number;
  /** With `profile`: milliseconds of CPU self time per part of Redocly, largest first. */
  shares: [string, number][];
}

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function median(runs: number, fn: () => unknown): Promise<number> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) all.push(await time(fn));
  all.sort((a, b) => a - b);
  return all[Math.floor(all.length / 2)] as number;
}

/** Runs `fn` under the V8 CPU profiler (node:inspector) and returns the profile. */
async function cpuProfile(fn: () => Promise<unknown>): Promise<Profile> {
  const session = new Session();
  session.connect();
  const post = (method: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      session.post(method, (error, result) => (error ? reject(error) : resolve(result)));
    });
  await post('Profiler.enable');
  await post('Profiler.start');
  await fn();
  const { profile } = (await post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  return profile;
}

interface Profile {
  nodes: { id: number; callFrame: { url: string; functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Which part of the lint a stack frame belongs to, from its file; undefined for the profiler's own work. */
function partOf(url: string, functionName: string): string | undefined {
  if (url.startsWith('node:inspector')) return undefined;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (/node:internal\/fs|string_decoder|node:fs/.test(url)) return 'read the file';
  if (url.includes('@redocly/ajv')) return 'rules: compiling JSON schemas (ajv)';
  const lib = /@redocly\/openapi-core\/lib\/(.+)\.js$/.exec(url)?.[1];
  if (lib === undefined)
    return /js-yaml/.test(url) ? 'parse the text (js-yaml)' : 'V8 built-ins and other code';
  if (lib.startsWith('js-yaml/')) return 'parse the text (js-yaml)';
  if (lib === 'resolve' || lib === 'ref-utils') return 'resolve $refs';
  if (lib === 'walk' || lib === 'visitors' || lib.startsWith('types/')) return 'walk (visiting every node)';
  if (lib.startsWith('rules/')) return `rule ${lib.split('/').at(-1)}`;
  return 'other Redocly code';
}

/** Self time per part, in milliseconds, largest first; rules under 1 % are summed as "other rules". */
function selfTimeByPart(profile: Profile): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parts = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const part = partOf(node.callFrame.url, node.callFrame.functionName);
    if (part === undefined) return;
    parts.set(part, (parts.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...parts.values()].reduce((a, b) => a + b, 0);
  const merged = new Map<string, number>();
  for (const [part, t] of parts) {
    const key = part.startsWith('rule ') && t < total / 100 ? 'other rules (each under 1 %)' : part;
    merged.set(key, (merged.get(key) ?? 0) + t);
  }
  return [...merged].sort((a, b) => b[1] - a[1]);
}

/** CPU time (user + system) since `since`, in milliseconds: less at the mercy of a busy machine than wall time. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

const rssMb = (): number => process.memoryUsage().rss / 1024 / 1024;

function recommended(): Promise<Config> {
  return createConfig({ extends: [...REDOCLY_CONFIG.extends], rules: { ...REDOCLY_CONFIG.rules } });
}

async function child(api: Api, mode: Mode): Promise<Measured> {
  const tree = loadFixtureTree(newestFixture(api).file) as ApiTree;
  const { document, json, yaml } = benchDocument(tree, api);
  const timings: Record<string, number> = {};
  const shares: [string, number][] = [];
  const startRssMb = rssMb();

  if (mode === 'validate') {
    // As the pipeline calls it: the first call includes loading Redocly's rules.
    const cpu = process.cpuUsage();
    timings['validateSpec, first call'] = await time(() => validateSpec(document, { apidoc: tree, yaml }));
    timings['validateSpec, first call: CPU time'] = cpuMs(cpu);
    timings['validateSpec, median of 3 more'] = await median(3, () =>
      validateSpec(document, { apidoc: tree, yaml }),
    );
  } else if (mode === 'redocly-file') {
    const dir = mkdtempSync(join(tmpdir(), 'validate-bench-'));
    try {
      const file = join(dir, apiDocumentFileName(api, 'json'));
      writeFileSync(file, json);
      const cpu = process.cpuUsage();
      const config = await recommended();
      timings['redocly lint({ ref: file }), first call'] = await time(() => lint({ ref: file, config }));
      timings['redocly lint({ ref: file }), first call: CPU time'] = cpuMs(cpu);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else if (mode === 'profile') {
    // Where Redocly's time goes: a CPU profile of one warm lint({ ref }), self time per part.
    const dir = mkdtempSync(join(tmpdir(), 'validate-bench-'));
    try {
      const file = join(dir, apiDocumentFileName(api, 'json'));
      writeFileSync(file, json);
      const config = await recommended();
      await lint({ ref: file, config });
      shares.push(...selfTimeByPart(await cpuProfile(() => lint({ ref: file, config }))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const config = await recommended();
    const parsed = { source: new Source('openapi.json', ''), parsed: document };
    const lintParsed = (cfg: Config) => () =>
      lintDocument({ document: parsed, config: cfg, externalRefResolver: new BaseResolver(cfg.resolve) });
    const specVersion = detectSpec(document);
    const types = normalizeTypes(config.extendTypes(getTypes(specVersion), specVersion), config);
    const root = types.Root as NonNullable<typeof types.Root>;
    const none = await createConfig({ rules: {} });
    await lintParsed(config)();
    timings['parse the JSON text (Redocly reads JSON with its YAML parser)'] = await median(3, () =>
      makeDocumentFromString(json, 'x.json'),
    );
    timings['JSON.parse of the same text'] = await median(3, () => JSON.parse(json));
    timings['resolve $refs'] = await median(3, () =>
      resolveDocument({ rootDocument: parsed, rootType: root, externalRefResolver: new BaseResolver() }),
    );
    timings['lintDocument, no rules (resolve + walk)'] = await median(3, lintParsed(none));
    timings['lintDocument, recommended (what validateSpec runs)'] = await median(3, lintParsed(config));
    timings['coverage of the apidoc'] = await median(3, () => checkCoverage(document, tree));
    timings['ECMA-262 patterns'] = await median(3, () => checkPatterns(document));
    timings['YAML: parse + compare'] = await median(3, () => checkYaml(document, yaml));
  }
  return {
    timings,
    startRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    bytes: Buffer.byteLength(json),
    shares,
  };
}

function run(api: Api, mode: Mode): Measured {
  const script = fileURLToPath(import.meta.url);
  const args = [script, '--child', api, mode];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }));
}

function row(name: string, values: string[]): string {
  return `| ${name} | ${values.join(' | ')} |`;
}

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--child');
  if (at !== -1) {
    const measured = await child(argv[at + 1] as Api, argv[at + 2] as Mode);
    process.stdout.write(JSON.stringify(measured));
    return;
  }
  const apis: Api[] = ['pve', 'pbs'];
  const results = apis.map((api) => ({
    api,
    validate: run(api, 'validate'),
    redocly: run(api, 'redocly-file'),
    breakdown: run(api, 'breakdown'),
    profile: run(api, 'profile'),
  }));
  const ms = (value: number | undefined): string => `${Math.round(value ?? 0)} ms`;
  const mb = (value: number): string => `${Math.round(value)} MB`;
  type Measured = 'validate' | 'redocly' | 'breakdown';
  /** One row per timing a measurement took, in the order it took them. */
  const timingRows = (part: Measured): [string, string[]][] =>
    Object.keys(results[0]?.[part].timings ?? {}).map((key) => [
      key,
      results.map((r) => ms(r[part].timings[key])),
    ]);
  /** The resident set size before a measurement and at its peak. */
  const rss = (part: 'validate' | 'redocly'): string[] =>
    results.map((r) => `${mb(r[part].startRssMb)} → ${mb(r[part].peakRssMb)}`);
  const table: [string, string[]][] = [
    ['', apis.map((a) => a.toUpperCase())],
    ['---', apis.map(() => '---:')],
    ['document (JSON)', results.map((r) => `${(r.validate.bytes / 1e6).toFixed(2)} MB`)],
    ...timingRows('validate'),
    ['validateSpec: RSS before → peak', rss('validate')],
    ...timingRows('redocly'),
    ['redocly lint: RSS before → peak', rss('redocly')],
    ['**steps (warm, median of 3)**', apis.map(() => '')],
    ...timingRows('breakdown'),
  ];
  const lines = table.map(([label, cells]) => row(label, cells));
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write('\nwhere the CPU time of one warm Redocly lint({ ref }) goes (self time):\n\n');
  const parts = [...new Set(results.flatMap((r) => r.profile.shares.map(([part]) => part)))];
  const totals = results.map((r) => r.profile.shares.reduce((sum, [, t]) => sum + t, 0));
  const share = (r: (typeof results)[number], i: number, part: string): string => {
    const t = r.profile.shares.find(([p]) => p === part)?.[1] ?? 0;
    return `${ms(t)} (${Math.round((100 * t) / (totals[i] || 1))} %)`;
  };
  const profileLines = [
    row(
      'part',
      apis.map((a) => a.toUpperCase()),
    ),
    row(
      '---',
      apis.map(() => '---:'),
    ),
  ];
  for (const part of parts)
    profileLines.push(
      row(
        part,
        results.map((r, i) => share(r, i, part)),
      ),
    );
  process.stdout.write(`${profileLines.join('\n')}\n`);
}

await main(process.argv.slice(2));
