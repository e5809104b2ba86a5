import { defineCommand } from '../declare-command.js';
import { findWorkspaceRoot } from '../workspace-root.js';

/** `proxmox-openapi lint [--fix]`: the lint stage over the whole workspace. */
export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'format check, lint and typecheck of the whole workspace (--fix repairs)',
  description: `Runs Biome's format check and linter over the repository and tsc over every package and the
Dagger module, and fails when any of them fails.`,
  options: {
    fix: {
      type: 'boolean',
      description: 'apply formatting and safe lint fixes first, then report what is left',
      changesSources: true,
    },
    json: { type: 'boolean', description: 'print the structured result instead of lines' },
  },
  engine: 'whole',
  // Its typecheck needs the client's types, which the client's build generates from the specs.
  containerBuild: 'everything',
  notes: 'Exit codes: 0 clean, 1 problems found.',
  async run({ values }, io) {
    const cwd = findWorkspaceRoot(io.cwd);
    // Loaded on use: only this command runs the linters.
    const { formatLintResult, runLint } = await import('@proxmox-openapi/lint');
    const result = await runLint({ cwd, fix: values.fix });
    io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatLintResult(result));
    return result.ok ? 0 : 1;
  },
});
