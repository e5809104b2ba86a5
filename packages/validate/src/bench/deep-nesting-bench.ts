/**
 * `pnpm --filter @proxmox-openapi/validate bench:depth`: how `validateSpec` copes with a
 * document whose schema nests N levels deep (each level a `properties.a` object, so a level
 * is two JSON levels). Deep nesting used to take quadratic time; the walk is now linear and
 * anything past MAX_DOCUMENT_DEPTH is reported without being handed to the recursive checks.
 * `VALIDATE_BENCH_DIST=/path/to/validate/dist` measures another build (e.g. main's) the same way.
 * Prints one table: levels, document size, parse and validate time, what was reported.
 */
import { pathToFileURL } from 'node:url';
import { deepDocumentText } from '../test-support/deep-document.js';

type ValidateSpec = (document: object) => Promise<{ errors: { rule: string }[] }>;

async function main(): Promise<void> {
  const dist = process.env.VALIDATE_BENCH_DIST;
  const { validateSpec } = (await import(dist ? pathToFileURL(`${dist}/index.js`).href : '../index.js')) as {
    validateSpec: ValidateSpec;
  };
  const rows: string[][] = [['levels', 'MiB', 'parse ms', 'validate ms', 'reported']];
  for (const levels of [100, 1_000, 16_000, 50_000]) {
    const text = deepDocumentText(levels);
    let start = performance.now();
    const document = JSON.parse(text) as object;
    const parseMs = performance.now() - start;
    start = performance.now();
    const report = await validateSpec(document);
    const validateMs = performance.now() - start;
    const rules = [...new Set(report.errors.map((e) => e.rule))].join(', ') || '(no errors)';
    rows.push([
      levels.toLocaleString('en'),
      (text.length / 1024 / 1024).toFixed(1),
      parseMs.toFixed(0),
      validateMs.toFixed(0),
      rules,
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
}

await main();
