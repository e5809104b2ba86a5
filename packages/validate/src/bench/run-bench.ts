/**
 * `pnpm --filter @proxmox-openapi/validate bench`: validation time and peak memory for PVE and
 * PBS, and where Redocly's time goes. Each API runs in its own child process so that the peak
 * RSS of one does not hide in the other's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiTree } from '@proxmox-openapi/core';
import { loadFixtureTree, newestFixture } from '@proxmox-openapi/test-fixtures';
import {
  BaseResolver,
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
import { dump } from 'js-yaml';
import { checkCoverage } from '../coverage-check.js';
import { checkPatterns } from '../pattern-check.js';
import { REDOCLY_CONFIG } from '../redocly-config.js';
import { validateSpec } from '../validate-spec.js';
import { checkYaml } from '../yaml-check.js';
import { benchDocument } from './bench-document.js';

type Api = 'pve' | 'pbs';

interface ChildResult {
  api: Api;
  source: string;
  bytes: number;
  operations: number;
  timings: Record<string, number>;
  ruleTimings: [string, number][];
  peakRssMb: number;
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

async function child(api: Api, withRules: boolean): Promise<ChildResult> {
  const tree = loadFixtureTree(newestFixture(api).file) as ApiTree;
  const { document, yaml: generatedYaml, source } = await benchDocument(tree, api);
  const text = JSON.stringify(document, null, 2);
  const yaml = generatedYaml ?? dump(document);
  const timings: Record<string, number> = {};

  // The whole call, as the pipeline makes it; the first run includes loading Redocly's rules.
  timings['validateSpec, first call'] = await time(() => validateSpec(document, { apidoc: tree, yaml }));
  timings['validateSpec (median of 3)'] = await median(3, () =>
    validateSpec(document, { apidoc: tree, yaml }),
  );
  timings['  coverage'] = await median(3, () => checkCoverage(document, tree));
  timings['  patterns'] = await median(3, () => checkPatterns(document));
  timings['  YAML parse + compare'] = await median(3, () => checkYaml(document, yaml));

  // Redocly, step by step: what `lint({ ref })` does with a file, then the pieces.
  const config = await createConfig({
    extends: [...REDOCLY_CONFIG.extends],
    rules: { ...REDOCLY_CONFIG.rules },
  });
  const dir = mkdtempSync(join(tmpdir(), 'validate-bench-'));
  try {
    const file = join(dir, `${api}-api.json`);
    writeFileSync(file, text);
    timings['redocly lint({ ref: file })'] = await median(3, () => lint({ ref: file, config }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  timings['  read: parse the JSON text as YAML'] = await median(3, () =>
    makeDocumentFromString(text, 'x.json'),
  );
  const specVersion = detectSpec(document);
  const types = normalizeTypes(config.extendTypes(getTypes(specVersion), specVersion), config);
  const parsed = { source: new Source('openapi.json', ''), parsed: document };
  timings['  resolve $refs'] = await median(3, () =>
    resolveDocument({
      rootDocument: parsed,
      rootType: types.Root as NonNullable<typeof types.Root>,
      externalRefResolver: new BaseResolver(),
    }),
  );
  const lintParsed = (cfg: typeof config) => () =>
    lintDocument({ document: parsed, config: cfg, externalRefResolver: new BaseResolver(cfg.resolve) });
  timings['  lintDocument, parsed object (ours)'] = await median(3, lintParsed(config));
  const bare = await createConfig({ rules: {} });
  timings['  lintDocument, no rules (resolve + walk)'] = await median(3, lintParsed(bare));

  const ruleTimings: [string, number][] = [];
  if (withRules) {
    const rules = Object.entries(config.rules.oas3_0 ?? {}).filter(([, setting]) => {
      const severity =
        typeof setting === 'object' && setting !== null
          ? (setting as { severity?: string }).severity
          : setting;
      return severity !== 'off';
    });
    const base = timings['  lintDocument, no rules (resolve + walk)'] ?? 0;
    for (const [rule, setting] of rules) {
      const only = await createConfig({ rules: { [rule]: setting } as never });
      ruleTimings.push([rule, (await median(3, lintParsed(only))) - base]);
    }
    ruleTimings.sort((a, b) => b[1] - a[1]);
  }

  return {
    api,
    source,
    bytes: Buffer.byteLength(text),
    operations: (await validateSpec(document)).operations,
    timings,
    ruleTimings,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function table(results: ChildResult[]): string {
  const names = Object.keys(results[0]?.timings ?? {});
  const header = `| step | ${results.map((r) => r.api.toUpperCase()).join(' | ')} |`;
  const lines = [header, `| --- | ${results.map(() => '---:').join(' | ')} |`];
  lines.push(
    `| document | ${results.map((r) => `${(r.bytes / 1e6).toFixed(2)} MB, ${r.operations} ops`).join(' | ')} |`,
  );
  for (const name of names) {
    lines.push(`| ${name} | ${results.map((r) => `${Math.round(r.timings[name] ?? 0)} ms`).join(' | ')} |`);
  }
  lines.push(
    `| peak RSS of the process | ${results.map((r) => `${Math.round(r.peakRssMb)} MB`).join(' | ')} |`,
  );
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const withRules = argv.includes('--rules');
  const childIndex = argv.indexOf('--child');
  if (childIndex !== -1) {
    process.stdout.write(JSON.stringify(await child(argv[childIndex + 1] as Api, withRules)));
    return;
  }
  const script = fileURLToPath(import.meta.url);
  const results: ChildResult[] = (['pve', 'pbs'] as const).map((api) =>
    JSON.parse(
      execFileSync(process.execPath, [script, '--child', api, ...(withRules ? ['--rules'] : [])], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      }),
    ),
  );
  process.stdout.write(
    `documents: ${[...new Set(results.map((r) => r.source))].join(', ')}\n\n${table(results)}\n`,
  );
  for (const result of results) {
    if (result.ruleTimings.length === 0) continue;
    process.stdout.write(
      `\nslowest Redocly rules on ${result.api.toUpperCase()} (alone, minus resolve + walk):\n`,
    );
    for (const [rule, ms] of result.ruleTimings.slice(0, 8))
      process.stdout.write(`  ${rule.padEnd(40)} ${Math.round(ms)} ms\n`);
  }
}

await main(process.argv.slice(2));
