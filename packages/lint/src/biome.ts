import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LintDiagnostic } from './diagnostic.js';
import { runNodeTool } from './run-tool.js';

const BIOME = '@biomejs/biome/bin/biome';

interface BiomeReport {
  diagnostics?: {
    severity: string;
    message: string;
    category?: string;
    location?: { path?: string; start?: { line: number; column: number } };
  }[];
}

/** What Biome found, and whether it could run at all. */
export interface BiomeOutcome {
  diagnostics: LintDiagnostic[];
  failure?: string;
}

/**
 * Runs `biome check` (format and lint together) over `paths`, with `--write` in fix mode.
 * Warnings count as failures: a lint warning left in the tree is noise for everyone after.
 */
export async function runBiome(cwd: string, paths: readonly string[], fix: boolean): Promise<BiomeOutcome> {
  const args = ['check', '--reporter=json', '--error-on-warnings', '--no-errors-on-unmatched'];
  if (fix) args.push('--write');
  const output = await runNodeTool(BIOME, [...args, ...paths], cwd);
  let report: BiomeReport;
  try {
    report = JSON.parse(output.stdout) as BiomeReport;
  } catch {
    const reason = (output.stderr || output.stdout).trim().split('\n')[0] ?? `exit code ${output.code}`;
    return { diagnostics: [], failure: `biome did not run: ${reason}` };
  }
  const diagnostics: LintDiagnostic[] = [];
  for (const d of report.diagnostics ?? []) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    const rule = d.category ?? 'biome';
    const file = d.location?.path ?? '';
    const isFormat = rule === 'format';
    let line = d.location?.start?.line ?? 0;
    let column = d.location?.start?.column ?? 0;
    let message = d.message;
    if (isFormat && file) {
      // Biome reports formatting at line 0; name the first line that would change instead.
      line = await firstUnformattedLine(cwd, file);
      column = 1;
      message = 'not formatted (run the fix mode)';
    }
    diagnostics.push({
      tool: isFormat ? 'format' : 'lint',
      file,
      line,
      column,
      message,
      severity: 'error',
      rule,
    });
  }
  return { diagnostics };
}

/** The first line where a file differs from what Biome's formatter would print. */
async function firstUnformattedLine(cwd: string, file: string): Promise<number> {
  const original = await readFile(resolve(cwd, file), 'utf8');
  const formatted = await runNodeTool(BIOME, ['format', `--stdin-file-path=${file}`], cwd, original);
  if (formatted.code !== 0) return 1;
  const a = original.split('\n');
  const b = formatted.stdout.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return i + 1;
  }
  return 1;
}
