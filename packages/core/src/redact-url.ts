/** What stands in for a URL's user name and password wherever a URL is stored or printed. */
export const REDACTED_USERINFO = '***';

// A scheme, `//`, then userinfo up to the first `@` of the authority: the authority ends at
// `/`, `?`, `#` or whitespace, so an `@` later in the path or query is not taken for one.
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

/**
 * A URL without its userinfo: `https://user:secret@host/x` → `https://***@host/x`. A password
 * in a `--source` URL must never reach a file, a report or the terminal; the request itself
 * still uses the real URL. Accepts a URL object or any text that holds URLs (an error message,
 * a line of progress), and leaves text without userinfo exactly as it was.
 *
 * @example
 * redactUrl('https://root:pw@pve.example:8006/pve-docs/api-viewer/apidoc.js');
 * // 'https://***@pve.example:8006/pve-docs/api-viewer/apidoc.js'
 */
export function redactUrl(url: string | URL): string {
  const text = typeof url === 'string' ? url : url.href;
  return text.replace(USERINFO, `$1${REDACTED_USERINFO}@`);
}

/** A stream a command writes text to (stdout, stderr, or a test's memory). */
export interface TextSink {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/**
 * The same command io with every line written to stdout and stderr passed through
 * {@link redactUrl}: whatever a stage prints (progress, warnings, errors, `--verbose` stacks),
 * no password from a URL reaches the terminal or a CI log.
 */
export function redactingIo<T extends { stdout: TextSink; stderr: TextSink }>(io: T): T {
  const wrap = (stream: TextSink): TextSink => {
    const wrapped: TextSink = {
      write: (chunk: string) => stream.write(typeof chunk === 'string' ? redactUrl(chunk) : chunk),
    };
    if (stream.isTTY !== undefined) wrapped.isTTY = stream.isTTY;
    return wrapped;
  };
  return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}
