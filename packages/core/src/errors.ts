/**
 * One small error hierarchy for every stage. The CLI maps `code` to an exit code and prints
 * `message` as one line; `stage` and `api` say where it happened.
 */

/** What kind of failure an error is; decides the exit code. */
export type ErrorCode = 'usage' | 'input' | 'network' | 'findings' | 'internal';

/** The process exit code for each kind of failure (the command-line contract in the root README). */
export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = Object.freeze({
  findings: 1,
  usage: 2,
  input: 3,
  network: 3,
  internal: 3,
});

export interface PipelineErrorOptions {
  /** The stage that failed: `fetch`, `parse`, `generate`, `validate`, `stats`, `publish`, … */
  stage?: string;
  /** The API target the failure belongs to, when there is one. */
  api?: string;
  cause?: unknown;
}

/** The base class of every expected failure: its message is fit to show a user as it is. */
export class PipelineError extends Error {
  readonly code: ErrorCode;
  readonly stage: string | undefined;
  readonly api: string | undefined;

  constructor(code: ErrorCode, message: string, options: PipelineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.stage = options.stage;
    this.api = options.api;
  }

  /** The exit code the CLI ends with for this error. */
  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** Wrong arguments or options: exit code 2. */
export class UsageError extends PipelineError {
  constructor(message: string, options: PipelineErrorOptions = {}) {
    super('usage', message, options);
  }
}

/** Input that cannot be used (a file, a document, a schema): exit code 3. */
export class InputError extends PipelineError {
  constructor(message: string, options: PipelineErrorOptions = {}) {
    super('input', message, options);
  }
}

/** A download that failed after its retries: exit code 3. */
export class NetworkError extends PipelineError {
  constructor(message: string, options: PipelineErrorOptions = {}) {
    super('network', message, options);
  }
}

/** Where in a text a parse error happened (1-based). */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

/** Text that is not a readable apidoc or document; the message names the line and column. */
export class ParseError extends InputError {
  readonly position: TextPosition | undefined;

  constructor(message: string, position?: TextPosition, options: PipelineErrorOptions = {}) {
    super(position ? `${message} (line ${position.line}, column ${position.column})` : message, {
      stage: 'parse',
      ...options,
    });
    this.position = position;
  }
}

/** Validation or lint found problems: exit code 1. */
export class FindingsError extends PipelineError {
  constructor(message: string, options: PipelineErrorOptions = {}) {
    super('findings', message, options);
  }
}

/** Computes the 1-based line and column of an offset in a text, for error messages. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1, offset: end };
}

/** A one-line description of any thrown value, for messages that wrap a cause. */
export function describeError(error: unknown): string {
  if (error instanceof PipelineError) return error.message.replace(/\s*\n\s*/g, ' ');
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const text = error.message.split('\n')[0] ?? '';
    return code && !text.includes(code) ? `${code}: ${text}` : text;
  }
  return String(error);
}
