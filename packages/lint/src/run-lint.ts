import { runBiome } from './biome.js';
import type { LintResult, LintToolResult } from './diagnostic.js';
import { findProjects } from './projects.js';
import { runTypecheck } from './typecheck.js';

export interface RunLintOptions {
  /** The folder to lint: a package, or a workspace root. */
  cwd: string;
  /** Apply the fixes that Biome can make (formatting, safe lint fixes) before reporting. */
  fix?: boolean;
  /** What Biome checks, relative to `cwd`; default the whole folder. */
  paths?: readonly string[];
  /** Folders with a tsconfig.json to typecheck; default found from `cwd` (see `findProjects`). */
  projects?: readonly string[];
}

/**
 * The code-quality stage in one call: Biome's format check and linter, then tsc, over one
 * folder. The result lists every problem with its file and line; `ok` only when all passed.
 */
export async function runLint(options: RunLintOptions): Promise<LintResult> {
  const fix = options.fix ?? false;
  const paths = options.paths ?? ['.'];
  const projects = options.projects ?? findProjects(options.cwd);

  const biomeStart = performance.now();
  const biome = await runBiome(options.cwd, paths, fix);
  const biomeMs = Math.round(performance.now() - biomeStart);
  const tscStart = performance.now();
  const types = await runTypecheck(options.cwd, projects);
  const tscMs = Math.round(performance.now() - tscStart);

  const diagnostics = [...biome.diagnostics, ...types.diagnostics];
  const count = (tool: string) => diagnostics.filter((d) => d.tool === tool).length;
  const tools: LintToolResult[] = [
    { tool: 'format', ok: !biome.failure && count('format') === 0, durationMs: biomeMs },
    { tool: 'lint', ok: !biome.failure && count('lint') === 0, durationMs: biomeMs },
    { tool: 'typecheck', ok: !types.failure && count('typecheck') === 0, durationMs: tscMs },
  ];
  if (biome.failure) {
    (tools[0] as LintToolResult).failure = biome.failure;
    (tools[1] as LintToolResult).failure = biome.failure;
  }
  if (types.failure) (tools[2] as LintToolResult).failure = types.failure;
  return { ok: tools.every((t) => t.ok), fixed: fix, tools, diagnostics };
}
