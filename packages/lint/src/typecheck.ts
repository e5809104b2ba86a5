import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
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

/**
 * Runs `tsc --noEmit` on each project, one after the other: a folder with a tsconfig.json, or
 * a tsconfig file itself (`*.json`), such as one that takes in several packages at once.
 */
export async function runTypecheck(cwd: string, projects: readonly string[]): Promise<TypecheckOutcome> {
  const diagnostics: LintDiagnostic[] = [];
  // Two projects may take in the same file (one package's program reads another's sources):
  // its problems are listed once.
  const seen = new Set<string>();
  for (const project of projects) {
    const path = resolve(cwd, project);
    const config = path.endsWith('.json') ? path : join(path, 'tsconfig.json');
    if (!existsSync(config)) {
      return { diagnostics, failure: `no ${basename(config)} in ${project}` };
    }
    const dir = dirname(config);
    const output = await runNodeTool(
      'typescript/bin/tsc',
      ['-p', config, '--noEmit', '--pretty', 'false'],
      dir,
    );
    let matched = 0;
    for (const line of output.stdout.split('\n')) {
      const m = TSC_LINE.exec(line.trim());
      if (!m?.groups) continue;
      matched++;
      const g = m.groups as Record<string, string>;
      const file = relative(cwd, resolve(dir, g.file ?? '')) || (g.file ?? '');
      const key = `${file}:${g.line}:${g.column}:${g.rule}:${g.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      diagnostics.push({
        tool: 'typecheck',
        file,
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
