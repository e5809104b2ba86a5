/** Why one attempt of a download failed, and whether trying again can help. */
export class AttemptFailure extends Error {
  /** Network errors, timeouts, 429 and 5xx are worth another attempt; the rest are not. */
  readonly retryable: boolean;
  /** `input`: the server answered, but not with an apidoc; `network`: no usable answer. */
  readonly kind: 'network' | 'input';
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: { retryable: boolean; kind?: 'network' | 'input'; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AttemptFailure';
    this.retryable = options.retryable;
    this.kind = options.kind ?? 'network';
    this.retryAfterMs = options.retryAfterMs;
  }
}

// Failures that do not heal by themselves, so retrying only delays the message (and, in a
// pipeline, the fallback to the committed snapshot): TLS verification failures, and a host name
// that the resolver answered does not exist (ENOTFOUND, getaddrinfo's EAI_NONAME). A resolver
// that could not answer says EAI_AGAIN, which is still retried.
const PERMANENT_CODES =
  /^(?:CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|ERR_SSL_|ENOTFOUND$)/;

/** Turns whatever a request threw into an AttemptFailure with a one-line message. */
export function toAttemptFailure(error: unknown): AttemptFailure {
  if (error instanceof AttemptFailure) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const text = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  if (
    code.startsWith('Z_') ||
    /incorrect header check|unexpected end of file|Decompression failed/i.test(text)
  ) {
    return new AttemptFailure(`the body does not decompress (${text})`, {
      retryable: false,
      kind: 'input',
      cause: error,
    });
  }
  if (text === 'aborted' && code === 'ECONNRESET') {
    return new AttemptFailure('the connection closed before the whole body arrived (truncated)', {
      retryable: true,
      cause: error,
    });
  }
  const message = code && !text.includes(code) ? `${code}: ${text}` : text;
  return new AttemptFailure(message, { retryable: !PERMANENT_CODES.test(code), cause: error });
}
