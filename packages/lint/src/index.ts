export type { LintDiagnostic, LintResult, LintTool, LintToolResult } from './diagnostic.js';
export { formatLintResult } from './format-result.js';
export { findProjects } from './projects.js';
export type { RunLintOptions } from './run-lint.js';
export { runLint } from './run-lint.js';
