import { parseArgs } from 'node:util';
import { formatLintResult } from './format-result.js';
import { runLint } from './run-lint.js';

const USAGE = `usage: proxmox-openapi-lint [--fix] [--biome-only | --typecheck-only] [--path PATH]...
                            [--project DIR|TSCONFIG]... [--json]

Runs the format check, the linter (Biome) and the typechecker (tsc) over the current folder
and fails when any of them fails. Exit codes: 0 clean, 1 problems found, 2 usage error.

  --fix              apply formatting and safe lint fixes first, then report what is left
  --biome-only       run the format check and the linter, not tsc
  --typecheck-only   run tsc, not Biome
  --path PATH        what Biome checks (repeatable; default the current folder)
  --project DIR      a folder with a tsconfig.json, or a tsconfig file, to typecheck
                     (repeatable; default found)
  --json             print the result as JSON instead of lines
`;

/** The lint command line; returns the exit code. */
export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  let values: {
    fix?: boolean;
    'biome-only'?: boolean;
    'typecheck-only'?: boolean;
    path?: string[];
    project?: string[];
    json?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        fix: { type: 'boolean' },
        'biome-only': { type: 'boolean' },
        'typecheck-only': { type: 'boolean' },
        path: { type: 'string', multiple: true },
        project: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`proxmox-openapi-lint: ${(error as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values['biome-only'] && values['typecheck-only']) {
    process.stderr.write('proxmox-openapi-lint: --biome-only and --typecheck-only exclude each other\n');
    return 2;
  }
  const only = values['biome-only'] ? 'biome' : values['typecheck-only'] ? 'typecheck' : 'all';
  const result = await runLint({
    cwd,
    fix: values.fix ?? false,
    paths: values.path,
    projects: values.project,
    only,
  });
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatLintResult(result));
  return result.ok ? 0 : 1;
}
