import { defineCommand } from '@proxmox-openapi/core';
import { formatLintResult, runLint } from '@proxmox-openapi/lint';
import { findWorkspaceRoot } from './workspace-root.js';

/** `proxmox-openapi lint [--fix]`: the lint stage over the whole workspace. */
export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'format check, lint and typecheck of the whole workspace (--fix repairs)',
  usage: `usage: proxmox-openapi lint [--fix] [--json]

Runs Biome's format check and linter over the repository and tsc over every package and the
Dagger module, and fails when any of them fails. Exit codes: 0 clean, 1 problems found.

  --fix    apply formatting and safe lint fixes first, then report what is left
  --json   print the structured result instead of lines
`,
  options: { fix: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const cwd = findWorkspaceRoot(io.cwd);
    const result = await runLint({ cwd, fix: values.fix === true });
    io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatLintResult(result));
    return result.ok ? 0 : 1;
  },
});
