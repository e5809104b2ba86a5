import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { LintDiagnostic } from './diagnostic.js';
import { runNodeTool } from './run-tool.js';

/** What tsc found over the given projects, and whether it could run. */
export interface TypecheckOutcome {
  diagnostics: LintDiagnostic[];
  failure?: string;
}

// `file(line,col): error TS1234: message`, the unstyled form of `--pretty false`.
const TSC_LINE =
  /^(?<file>.+?)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning) (?<rule>TS\d+): (?<message>.*)$/;

/** Runs `tsc --noEmit` on each project folder (one with a tsconfig.json), one after the other. */
export async function runTypecheck(cwd: string, projects: readonly string[]): Promise<TypecheckOutcome> {
  const diagnostics: LintDiagnostic[] = [];
  for (const project of projects) {
    const dir = resolve(cwd, project);
    if (!existsSync(join(dir, 'tsconfig.json'))) {
      return { diagnostics, failure: `no tsconfig.json in ${project}` };
    }
    const output = await runNodeTool('typescript/bin/tsc', ['-p', dir, '--noEmit', '--pretty', 'false'], dir);
    let matched = 0;
    for (const line of output.stdout.split('\n')) {
      const m = TSC_LINE.exec(line.trim());
      if (!m?.groups) continue;
      matched++;
      const g = m.groups as Record<string, string>;
      diagnostics.push({
        tool: 'typecheck',
        file: relative(cwd, resolve(dir, g.file ?? '')) || (g.file ?? ''),
        line: Number(g.line),
        column: Number(g.column),
        message: g.message ?? '',
        severity: 'error',
        rule: g.rule ?? 'tsc',
      });
    }
    if (output.code !== 0 && matched === 0) {
      const reason = (output.stdout || output.stderr).trim().split('\n')[0] ?? `exit code ${output.code}`;
      return { diagnostics, failure: `tsc failed on ${project}: ${reason}` };
    }
  }
  return { diagnostics };
}
