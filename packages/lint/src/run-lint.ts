import { runBiome } from './biome.js';
import type { LintDiagnostic, LintResult, LintToolResult } from './diagnostic.js';
import { findProjects } from './projects.js';
import { runTypecheck } from './typecheck.js';

export interface RunLintOptions {
  /** The folder to lint: a package, or a workspace root. */
  cwd: string;
  /** Apply the fixes that Biome can make (formatting, safe lint fixes) before reporting. */
  fix?: boolean;
  /** What Biome checks, relative to `cwd`; default the whole folder. */
  paths?: readonly string[];
  /**
   * What to typecheck: folders with a tsconfig.json, or tsconfig files; default found from
   * `cwd` (see `findProjects`).
   */
  projects?: readonly string[];
  /**
   * Which checks to run: `all` (default), `biome` (format and lint only) or `typecheck` (tsc
   * only). A workspace can then run Biome per package and tsc once over all of them, so no
   * package's sources are typechecked again for every package that imports them.
   */
  only?: 'all' | 'biome' | 'typecheck';
}

/**
 * The code-quality stage in one call: Biome's format check and linter, then tsc, over one
 * folder (or only one of the two, see `only`). The result lists every problem with its file
 * and line, and the checks that ran; `ok` only when all of them passed.
 */
export async function runLint(options: RunLintOptions): Promise<LintResult> {
  const fix = options.fix ?? false;
  const paths = options.paths ?? ['.'];
  const projects = options.projects ?? findProjects(options.cwd);

  const only = options.only ?? 'all';
  const diagnostics: LintDiagnostic[] = [];
  const tools: LintToolResult[] = [];
  const count = (tool: string) => diagnostics.filter((d) => d.tool === tool).length;

  if (only !== 'typecheck') {
    const start = performance.now();
    const biome = await runBiome(options.cwd, paths, fix);
    const durationMs = Math.round(performance.now() - start);
    diagnostics.push(...biome.diagnostics);
    for (const tool of ['format', 'lint'] as const) {
      const result: LintToolResult = { tool, ok: !biome.failure && count(tool) === 0, durationMs };
      if (biome.failure) result.failure = biome.failure;
      tools.push(result);
    }
  }
  if (only !== 'biome') {
    const start = performance.now();
    const types = await runTypecheck(options.cwd, projects);
    const durationMs = Math.round(performance.now() - start);
    diagnostics.push(...types.diagnostics);
    const result: LintToolResult = {
      tool: 'typecheck',
      ok: !types.failure && count('typecheck') === 0,
      durationMs,
    };
    if (types.failure) result.failure = types.failure;
    tools.push(result);
  }
  return { ok: tools.every((t) => t.ok), fixed: fix, tools, diagnostics };
}
