import type { ApiTree } from '@proxmox-openapi/core';

/** One problem found in a document. */
export interface Finding {
  severity: 'error' | 'warning';
  /** The rule that found it: a Redocly rule id, or one of this package's rules (`coverage-…`, …). */
  rule: string;
  /** One line that says what is wrong, naming the operation or parameter. */
  message: string;
  /** A JSON pointer (RFC 6901) into the document, such as `/paths/~1nodes~1{node}/get`; `''` is the root. */
  pointer: string;
}

/** The outcome of `validateSpec`. */
export interface ValidationReport {
  /** No errors (warnings allowed). */
  valid: boolean;
  errors: Finding[];
  warnings: Finding[];
  /** Which groups of checks ran and whether each passed (no errors). */
  checks: { openapi: boolean; coverage: boolean | 'skipped'; yaml: boolean | 'skipped' };
  /** How many (path, method) operations the document holds. */
  operations: number;
  durationMs: number;
}

/** What to check the document against, besides the OpenAPI rules. */
export interface ValidateOptions {
  /** The source tree the document was generated from: enables the coverage checks. */
  apidoc?: ApiTree;
  /** The YAML serialization, checked to be the same document. */
  yaml?: string;
}
