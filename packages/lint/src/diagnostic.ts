/** The three checks of the lint stage. */
export type LintTool = 'format' | 'lint' | 'typecheck';

/** One problem found by one of the checks, with its place in the file. */
export interface LintDiagnostic {
  tool: LintTool;
  /** The file, relative to the linted workspace when inside it. */
  file: string;
  /** 1-based line; 0 only when the tool could not say. */
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
  /** The rule or diagnostic code (`lint/style/useConst`, `TS2322`, `format`). */
  rule: string;
}

/** What one check did. */
export interface LintToolResult {
  tool: LintTool;
  ok: boolean;
  durationMs: number;
  /** Set when the tool itself could not run (not installed, crashed). */
  failure?: string;
}

/** The result of one lint call: ok only when all three checks passed. */
export interface LintResult {
  ok: boolean;
  fixed: boolean;
  tools: LintToolResult[];
  diagnostics: LintDiagnostic[];
}
