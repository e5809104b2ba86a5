import { getApiTarget } from '@proxmox-openapi/core';
import { loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import { generateSpec } from './generate-spec.js';

/*
 * `pnpm bench:patterns`: how long each pattern of the PVE and PBS documents takes on crafted
 * inputs of 1 KB, the kind that makes a backtracking engine slow: one character repeated (each
 * printable ASCII character and a few others), each two-character pair of the pattern's own
 * literal text repeated, each followed by a character that makes the match fail. Prints the
 * slowest patterns; asserts nothing (a loaded machine inflates every figure).
 */

const FIXTURES = [
  ['pve', 'pve-apidoc-2026-08-16.json.gz'],
  ['pbs', 'pbs-apidoc-2026-08-16.json.gz'],
] as const;
const LENGTH = 1024;

function patternsOf(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) patternsOf(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'pattern' && typeof child === 'string') out.add(child);
      else if (!key.startsWith('x-')) patternsOf(child, out);
    }
  }
}

function inputs(pattern: string): string[] {
  const units = new Set<string>();
  for (let c = 0x20; c < 0x7f; c++) units.add(String.fromCharCode(c));
  for (const c of ['\t', '\n', 'é']) units.add(c);
  const text = pattern.replace(/[\\^$()[\]{}*+?|]/g, '');
  for (let i = 0; i + 1 < text.length; i++) units.add(text.slice(i, i + 2));
  const out: string[] = [];
  for (const unit of units) {
    const body = unit.repeat(Math.floor((LENGTH - 1) / unit.length));
    out.push(`${body}\u0001`, `${body}!`);
  }
  return out;
}

const rows: { api: string; pattern: string; worstMs: number; inputs: number }[] = [];
for (const [api, file] of FIXTURES) {
  const document = generateSpec(loadFixtureTree(file) as never, { target: getApiTarget(api) });
  const patterns = new Set<string>();
  patternsOf(document, patterns);
  for (const pattern of patterns) {
    const re = new RegExp(pattern, 'u');
    let worst = 0;
    const all = inputs(pattern);
    for (const input of all) {
      const started = performance.now();
      re.test(input);
      worst = Math.max(worst, performance.now() - started);
    }
    rows.push({ api, pattern, worstMs: worst, inputs: all.length });
  }
}
rows.sort((a, b) => b.worstMs - a.worstMs);
console.log(`patterns: ${rows.length} (PVE and PBS), crafted inputs of ${LENGTH} characters each`);
console.log('| api | worst (ms) | inputs | pattern |');
console.log('| --- | ---------- | ------ | ------- |');
for (const row of rows.slice(0, 10)) {
  const shown = row.pattern.length > 70 ? `${row.pattern.slice(0, 67)}...` : row.pattern;
  console.log(
    `| ${row.api} | ${row.worstMs.toFixed(2)} | ${row.inputs} | \`${shown.replace(/\|/g, '\\|')}\` |`,
  );
}
