/**
 * `pnpm --filter @proxmox-openapi/apidoc-fetch bench`: how long parseApidoc takes on each real
 * schema, in each framing, and how much memory it needs. Each case runs in its own Node
 * process so that its peak RSS is its own. Prints a Markdown table; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseApidoc } from '@proxmox-openapi/core';
import { APIDOC_FIXTURES, loadFixtureText } from '@proxmox-openapi/test-fixtures';

type Framing = 'json' | 'pve' | 'pbs';
const FRAMINGS: readonly Framing[] = ['json', 'pve', 'pbs'];
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

// Viewer-like JavaScript after the array, as in the real files (about 22 KB there).
const TAIL =
  `\n/*global apiSchema*/\nExt.onReady(function () { var s = "] } [ {"; var r = /[\\]"']/g; });\n`.repeat(
    300,
  );

function frame(json: string, framing: Framing): string {
  if (framing === 'json') return json;
  return framing === 'pve'
    ? `const apiSchema = ${json.trimEnd()}\n${TAIL}`
    : `var apiSchema = ${json.trimEnd()};\n${TAIL}`;
}

interface CaseResult {
  bytes: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Only for the bare JSON framing, where JSON.parse alone can read the text. */
  jsonParseMs: number | null;
  baselineRssMb: number;
  peakRssMb: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs one case in this process and returns its numbers. */
function runCase(file: string, framing: Framing): CaseResult {
  const baselineRssMb = process.resourceUsage().maxRSS / 1024;
  const text = frame(loadFixtureText(file), framing);
  const times: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const start = performance.now();
    parseApidoc(text, { source: file });
    const elapsed = performance.now() - start;
    if (i >= 3) times.push(elapsed); // the first runs warm the JIT up
    if (framing === 'json') {
      const t = performance.now();
      JSON.parse(text);
      if (i >= 3) plain.push(performance.now() - t);
    }
  }
  return {
    bytes: Buffer.byteLength(text),
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    jsonParseMs: plain.length > 0 ? median(plain) : null,
    baselineRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function main(): void {
  const [flag, file, framing] = process.argv.slice(2);
  if (flag === '--case' && file && framing) {
    process.stdout.write(JSON.stringify(runCase(file, framing as Framing)));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const rows: string[] = [
    `parseApidoc, ${RUNS} runs per case after 3 warm-up runs, one Node ${process.version} process per case`,
    '',
    '| fixture | framing | size (MB) | median (ms) | min (ms) | max (ms) | JSON.parse alone (ms) | peak RSS (MB) | RSS before loading (MB) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const fixture of APIDOC_FIXTURES) {
    for (const framing of FRAMINGS) {
      const out = execFileSync(process.execPath, [self, '--case', fixture.file, framing], {
        encoding: 'utf8',
      });
      const r = JSON.parse(out) as CaseResult;
      const cells = [
        fixture.file,
        framing,
        (r.bytes / 1e6).toFixed(2),
        r.medianMs.toFixed(1),
        r.minMs.toFixed(1),
        r.maxMs.toFixed(1),
        r.jsonParseMs === null ? '' : r.jsonParseMs.toFixed(1),
        r.peakRssMb.toFixed(0),
        r.baselineRssMb.toFixed(0),
      ];
      rows.push(`| ${cells.join(' | ')} |`);
    }
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

main();
