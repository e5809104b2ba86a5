import { parseArgs } from 'node:util';
import { formatLintResult } from './format-result.js';
import { runLint } from './run-lint.js';

const USAGE = `usage: proxmox-openapi-lint [--fix] [--path PATH]... [--project DIR]... [--json]

Runs the format check, the linter (Biome) and the typechecker (tsc) over the current folder
and fails when any of them fails. Exit codes: 0 clean, 1 problems found, 2 usage error.

  --fix            apply formatting and safe lint fixes first, then report what is left
  --path PATH      what Biome checks (repeatable; default the current folder)
  --project DIR    a folder with a tsconfig.json to typecheck (repeatable; default found)
  --json           print the result as JSON instead of lines
`;

/** The lint command line; returns the exit code. */
export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  let values: { fix?: boolean; path?: string[]; project?: string[]; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        fix: { type: 'boolean' },
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
  const result = await runLint({
    cwd,
    fix: values.fix ?? false,
    paths: values.path,
    projects: values.project,
  });
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatLintResult(result));
  return result.ok ? 0 : 1;
}
