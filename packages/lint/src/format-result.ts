import type { LintResult } from './diagnostic.js';

/**
 * The human form of a lint result: one line per problem (`file:line:column tool rule message`,
 * the form editors and CI logs link), then one line per check.
 */
export function formatLintResult(result: LintResult): string {
  const lines = result.diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.column} ${d.tool} ${d.rule}: ${d.message}`,
  );
  for (const tool of result.tools) {
    const problems = result.diagnostics.filter((d) => d.tool === tool.tool).length;
    const state = tool.failure ? `could not run: ${tool.failure}` : tool.ok ? 'ok' : `${problems} problem(s)`;
    lines.push(`${tool.tool.padEnd(9)} ${state}`);
  }
  const failed = result.tools.filter((t) => !t.ok).map((t) => t.tool);
  lines.push(failed.length === 0 ? 'lint passed' : `lint failed: ${failed.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
