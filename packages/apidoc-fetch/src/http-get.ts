import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AttemptFailure, toAttemptFailure } from './attempt-failure.js';
import { parseRetryAfter } from './retry-timing.js';
import { loopbackOnlyLookup, needsLoopbackLookup } from './url-policy.js';

/** Options of one GET (one hop: redirects are the caller's business). */
export interface GetOptions {
  headers: Record<string, string>;
  connectTimeoutMs: number;
  /** Most bytes accepted, on the wire and after decompression alike. */
  maxBytes: number;
  /** Aborting destroys the request; an AttemptFailure as the reason becomes the rejection. */
  signal?: AbortSignal | undefined;
}

/** What one GET produced. */
export type GetResponse =
  | { kind: 'redirect'; status: number; location: string | undefined }
  | { kind: 'not-modified'; headers: IncomingHttpHeaders }
  | { kind: 'status'; status: number; statusText: string; retryAfterMs: number | undefined }
  | { kind: 'body'; status: number; headers: IncomingHttpHeaders; body: Buffer };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function abortFailure(signal: AbortSignal): AttemptFailure {
  const reason: unknown = signal.reason;
  return reason instanceof AttemptFailure
    ? reason
    : new AttemptFailure('the download was aborted', { retryable: false, cause: reason });
}

/**
 * One HTTP(S) GET with a connect timeout, a size limit enforced while the body streams in
 * (never buffering past it), and gzip/deflate/br decoding. Error statuses and redirects are
 * returned, not thrown; transport failures throw an AttemptFailure.
 */
export function httpGet(url: URL, options: GetOptions): Promise<GetResponse> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortFailure(signal));
  return new Promise<GetResponse>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    let response: IncomingMessage | undefined;
    let settled = false;
    const connectTimer = setTimeout(() => {
      req.destroy(
        new AttemptFailure(`no connection within ${options.connectTimeoutMs} ms`, { retryable: true }),
      );
    }, options.connectTimeoutMs);
    const onAbort = (): void => {
      const failure = abortFailure(signal as AbortSignal);
      // Destroy the response first, so that a body in flight rejects with this reason.
      response?.destroy(failure);
      req.destroy(failure);
    };
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (error: unknown): void =>
      settle(() => reject(signal?.aborted ? abortFailure(signal) : toAttemptFailure(error)));

    // agent: false gives every attempt a fresh connection: a retry never reuses a bad socket.
    const req = client.request(url, {
      method: 'GET',
      headers: options.headers,
      agent: false,
      // Plain http is allowed to loopback hosts only (url-policy.ts): a name must resolve there.
      ...(needsLoopbackLookup(url) ? { lookup: loopbackOnlyLookup } : {}),
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('socket', (socket) => {
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    req.on('error', fail);
    req.on('response', (res) => {
      response = res;
      clearTimeout(connectTimer);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.destroy();
        settle(() => resolve({ kind: 'redirect', status, location: res.headers.location }));
      } else if (status === 304) {
        res.destroy();
        settle(() => resolve({ kind: 'not-modified', headers: res.headers }));
      } else if (status < 200 || status >= 300) {
        // The body of an error status is not needed; closing the connection bounds its cost.
        res.destroy();
        const retryAfterMs = parseRetryAfter(headerValue(res.headers['retry-after']));
        settle(() => resolve({ kind: 'status', status, statusText: res.statusMessage ?? '', retryAfterMs }));
      } else {
        readBody(res, options.maxBytes).then(
          (body) => settle(() => resolve({ kind: 'body', status, headers: res.headers, body })),
          fail,
        );
      }
    });
    req.end();
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function tooLarge(maxBytes: number, what: string): AttemptFailure {
  return new AttemptFailure(`the body ${what} the size limit of ${maxBytes} bytes`, {
    retryable: false,
    kind: 'input',
  });
}

/** Reads and decodes a body, counting bytes before and after decompression (a gzip bomb stops too). */
async function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge(maxBytes, `(Content-Length ${declared}) is over`);
  }
  const encoding = (headerValue(res.headers['content-encoding']) ?? 'identity').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!decoder && encoding !== 'identity' && encoding !== '') {
    res.destroy();
    throw new AttemptFailure(`the body has an unsupported Content-Encoding "${encoding}"`, {
      retryable: false,
      kind: 'input',
    });
  }
  let wire = 0;
  const countWire = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      wire += chunk.length;
      if (wire > maxBytes) callback(tooLarge(maxBytes, 'is over'));
      else callback(null, chunk);
    },
  });
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes)
        return callback(tooLarge(maxBytes, decoder ? 'decompresses to more than' : 'is over'));
      chunks.push(chunk);
      callback();
    },
  });
  await (decoder ? pipeline(res, countWire, decoder, sink) : pipeline(res, countWire, sink));
  return Buffer.concat(chunks, size);
}
