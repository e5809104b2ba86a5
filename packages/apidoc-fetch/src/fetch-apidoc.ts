import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ApiTarget,
  type ApiTree,
  describeError,
  InputError,
  type Logger,
  NetworkError,
  ParseError,
  PipelineError,
  parseApidocText,
  redactUrl,
  sha256,
  silentLogger,
  UsageError,
} from '@proxmox-openapi/core';
import { AttemptFailure, toAttemptFailure } from './attempt-failure.js';
import { type CacheEntry, readCacheEntry, writeCacheEntry } from './http-cache.js';
import { type GetResponse, httpGet } from './http-get.js';
import { backoffDelay } from './retry-timing.js';
import { urlRefusal } from './url-policy.js';

/** Options of {@link fetchApidoc}; every one has a default fit for the real servers. */
export interface FetchOptions {
  /** Where to download from; default the target's `apidocUrl`. https, or http to a loopback host. */
  url?: string;
  /** Most time for one attempt, redirects and body included (ms). Default 60 000. */
  timeoutMs?: number;
  /** Most time to open the connection, TLS included (ms). Default 10 000. */
  connectTimeoutMs?: number;
  /** Further attempts after a network error, 429 or 5xx. Default 3. */
  retries?: number;
  /** Largest body accepted, compressed or not (bytes). Default 64 MiB. */
  maxBytes?: number;
  /** A folder where the last good download is kept for conditional requests (If-None-Match, If-Modified-Since). */
  cacheDir?: string;
  /** Receives a warning per retry and debug notes. Default: silent. */
  logger?: Logger;
  /** Cancels the download, waits between attempts included. */
  signal?: AbortSignal;
  /** First backoff delay (ms), doubled per attempt, with jitter. Default 500. */
  backoffBaseMs?: number;
  /** Longest backoff delay (ms). Default 10 000. */
  maxBackoffMs?: number;
  /** Longest wait a server's `Retry-After` may ask for (ms); longer requests are capped. Default 30 000. */
  maxRetryAfterMs?: number;
  /** Most redirects followed per attempt. Default 5. */
  maxRedirects?: number;
}

/** A downloaded and checked apidoc. */
export interface FetchResult {
  /** The URL the text came from, after redirects, without its userinfo (see `redactUrl`). */
  url: string;
  /** The apidoc.js text (UTF-8, without a byte order mark). */
  text: string;
  tree: ApiTree;
  /** sha256 of `text`. */
  sha256: string;
  etag?: string;
  lastModified?: string;
  /** When the server answered (ISO 8601). */
  fetchedAt: string;
  /** True when the server answered 304 and the text came from `cacheDir`. */
  notModified: boolean;
  /** How many attempts it took (1 when the first one succeeded). */
  attempts: number;
}

const USER_AGENT = 'proxmox-openapi-apidoc-fetch';

interface Settings {
  timeoutMs: number;
  connectTimeoutMs: number;
  retries: number;
  maxBytes: number;
  backoffBaseMs: number;
  maxBackoffMs: number;
  maxRetryAfterMs: number;
  maxRedirects: number;
}

/**
 * Options with defaults filled in. A value that is not a finite number >= 0 is a programming
 * error: it fails loudly rather than meaning "no limit" (NaN compares false) or "retry forever".
 */
function settingsOf(options: FetchOptions): Settings {
  const pick = (name: keyof Settings, fallback: number): number => {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new UsageError(
        `fetchApidoc: the option ${name} must be a finite number >= 0, not ${String(value)}`,
      );
    }
    return value;
  };
  return {
    timeoutMs: pick('timeoutMs', 60_000),
    connectTimeoutMs: pick('connectTimeoutMs', 10_000),
    retries: Math.floor(pick('retries', 3)),
    maxBytes: pick('maxBytes', 64 * 1024 * 1024),
    backoffBaseMs: pick('backoffBaseMs', 500),
    maxBackoffMs: pick('maxBackoffMs', 10_000),
    maxRetryAfterMs: pick('maxRetryAfterMs', 30_000),
    maxRedirects: Math.floor(pick('maxRedirects', 5)),
  };
}

/**
 * Downloads a target's apidoc.js and checks it: timeouts, retries with exponential backoff and
 * jitter on network errors, 429 and 5xx (honouring `Retry-After`), a size limit while
 * streaming, gzip/deflate/br, and conditional requests against `cacheDir` so that an unchanged
 * file costs one 304. Refuses plain http except to loopback, HTML pages, empty bodies and
 * anything that is not an apidoc. The text is parsed as data, never evaluated.
 *
 * @example
 * const result = await fetchApidoc(getApiTarget('pve'), { cacheDir: '.cache/apidoc' });
 * console.log(result.sha256, result.notModified);
 * @throws NetworkError when no usable answer came after the retries; InputError when the
 *   answer is not an apidoc or the URL is refused (stage `fetch`, api = target id).
 */
export async function fetchApidoc(target: ApiTarget, options: FetchOptions = {}): Promise<FetchResult> {
  const settings = settingsOf(options);
  const logger = options.logger ?? silentLogger;
  const api = target.id;
  const requested = options.url ?? target.apidocUrl;
  let start: URL;
  try {
    start = new URL(requested);
  } catch {
    throw new InputError(`${redactUrl(JSON.stringify(requested))} is not a URL`, { stage: 'fetch', api });
  }
  const refusal = urlRefusal(start);
  if (refusal) throw new InputError(`refusing ${redactUrl(start)}: ${refusal}`, { stage: 'fetch', api });

  const cache = options.cacheDir
    ? await readCacheEntry(options.cacheDir, redactUrl(start), logger)
    : undefined;
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: 'application/javascript, application/json;q=0.9, */*;q=0.1',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (cache?.etag) headers['if-none-match'] = cache.etag;
  if (cache?.lastModified) headers['if-modified-since'] = cache.lastModified;

  const attempts = settings.retries + 1;
  for (let attempt = 1; ; attempt++) {
    let failure: AttemptFailure;
    try {
      const { url, response } = await attemptOnce(start, headers, settings, options.signal);
      return await finish(url, response, {
        api,
        logger,
        attempt,
        cache,
        cacheDir: options.cacheDir,
        requested: start,
      });
    } catch (error) {
      if (error instanceof PipelineError) throw error;
      failure = toAttemptFailure(error);
    }
    const where = `GET ${redactUrl(start)}`;
    if (!failure.retryable || attempt >= attempts || options.signal?.aborted) {
      const tries =
        attempt > 1 ? ` (gave up after ${attempt} attempts)` : failure.retryable ? '' : ' (not retried)';
      const ErrorClass = failure.kind === 'input' ? InputError : NetworkError;
      throw new ErrorClass(`${where}: ${failure.message}${tries}`, { stage: 'fetch', api, cause: failure });
    }
    let delay = backoffDelay(attempt, settings.backoffBaseMs, settings.maxBackoffMs);
    let why = 'backoff';
    if (failure.retryAfterMs !== undefined) {
      delay = Math.min(failure.retryAfterMs, settings.maxRetryAfterMs);
      why = failure.retryAfterMs > settings.maxRetryAfterMs ? 'Retry-After, capped' : 'Retry-After';
    }
    logger.warn(
      `${api}: ${where}: ${failure.message}; attempt ${attempt + 1} of ${attempts} in ${delay} ms (${why})`,
    );
    try {
      await sleep(delay, undefined, options.signal ? { signal: options.signal } : undefined);
    } catch (error) {
      throw new NetworkError(`${where}: the download was aborted`, { stage: 'fetch', api, cause: error });
    }
  }
}

/** One attempt: follows redirects (https or loopback only) under one total timeout. */
async function attemptOnce(
  start: URL,
  headers: Record<string, string>,
  settings: Settings,
  outer: AbortSignal | undefined,
): Promise<{ url: URL; response: GetResponse }> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(
      new AttemptFailure(`no complete answer within ${settings.timeoutMs} ms (timed out)`, {
        retryable: true,
      }),
    );
  }, settings.timeoutMs);
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  try {
    let url = start;
    for (let hop = 0; ; hop++) {
      const response = await httpGet(url, {
        headers,
        connectTimeoutMs: settings.connectTimeoutMs,
        maxBytes: settings.maxBytes,
        signal,
      });
      if (response.kind !== 'redirect') return { url, response };
      if (!response.location) {
        throw new AttemptFailure(`HTTP ${response.status} without a Location header`, { retryable: false });
      }
      if (hop >= settings.maxRedirects) {
        throw new AttemptFailure(`more than ${settings.maxRedirects} redirects (a redirect loop?)`, {
          retryable: false,
        });
      }
      let next: URL;
      try {
        next = new URL(response.location, url);
      } catch {
        throw new AttemptFailure(`a redirect to an invalid URL ${JSON.stringify(response.location)}`, {
          retryable: false,
        });
      }
      const refusal = urlRefusal(next);
      if (refusal)
        throw new AttemptFailure(`refusing the redirect to ${redactUrl(next)}: ${refusal}`, {
          retryable: false,
        });
      url = next;
    }
  } finally {
    clearTimeout(timer);
  }
}

interface FinishContext {
  api: string;
  logger: Logger;
  attempt: number;
  cache: CacheEntry | undefined;
  cacheDir: string | undefined;
  requested: URL;
}

/** Turns a final response into a result, or throws: AttemptFailure to retry, PipelineError to stop. */
async function finish(url: URL, response: GetResponse, context: FinishContext): Promise<FetchResult> {
  const { api, attempt, cache } = context;
  const fetchedAt = new Date().toISOString();
  if (response.kind === 'status') {
    const { status, statusText } = response;
    throw new AttemptFailure(`HTTP ${status}${statusText ? ` ${statusText}` : ''}`, {
      retryable: status === 429 || status >= 500,
      ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
    });
  }
  if (response.kind === 'redirect') throw new AttemptFailure('an unfollowed redirect', { retryable: false });
  if (response.kind === 'not-modified') {
    if (!cache) {
      throw new AttemptFailure('HTTP 304 Not Modified, but nothing was cached to reuse', {
        retryable: false,
      });
    }
    const { tree } = parseChecked(cache.text, `${redactUrl(url)} (cached)`, api);
    const validators = validatorsOf(response.headers, cache);
    if (
      context.cacheDir &&
      (validators.etag !== cache.etag || validators.lastModified !== cache.lastModified)
    ) {
      await storeInCache(context, { ...cache, ...validators });
    }
    return {
      url: redactUrl(url),
      text: cache.text,
      tree,
      sha256: cache.sha256,
      ...validators,
      fetchedAt,
      notModified: true,
      attempts: attempt,
    };
  }

  const { body, headers, status } = response;
  const contentType = headers['content-type'] ?? 'no Content-Type';
  if (body.length === 0) {
    throw new InputError(`GET ${redactUrl(url)}: HTTP ${status} with an empty body, not an apidoc`, {
      stage: 'fetch',
      api,
    });
  }
  if (/html/i.test(contentType) || startsWithMarkup(body)) {
    const title = /<title[^>]*>([^<]{0,120})/i.exec(body.subarray(0, 4096).toString('latin1'))?.[1]?.trim();
    throw new InputError(
      `GET ${redactUrl(url)}: HTTP ${status} sent an HTML page (${contentType}${title ? `, "${title}"` : ''}), not an apidoc`,
      { stage: 'fetch', api },
    );
  }
  const { tree, text } = parseChecked(body, redactUrl(url), api);
  const digest = sha256(text);
  const validators = validatorsOf(headers, undefined);
  await storeInCache(context, {
    url: redactUrl(context.requested),
    text,
    sha256: digest,
    ...validators,
  });
  return {
    url: redactUrl(url),
    text,
    tree,
    sha256: digest,
    ...validators,
    fetchedAt,
    notModified: false,
    attempts: attempt,
  };
}

/**
 * The cache only saves a download next time: failing to write it must not fail this one (nor
 * be retried as if the network had failed), but it is said, not hidden.
 */
async function storeInCache(context: FinishContext, entry: CacheEntry): Promise<void> {
  if (!context.cacheDir) return;
  try {
    await writeCacheEntry(context.cacheDir, entry);
  } catch (error) {
    context.logger.warn(
      `${context.api}: could not update the download cache in ${context.cacheDir}: ${describeError(error)}`,
    );
  }
}

function parseChecked(
  input: string | Uint8Array,
  source: string,
  api: string,
): { tree: ApiTree; text: string } {
  try {
    return parseApidocText(input, { source });
  } catch (error) {
    if (error instanceof ParseError)
      throw new InputError(error.message, { stage: 'fetch', api, cause: error });
    throw error;
  }
}

function startsWithMarkup(body: Buffer): boolean {
  let i = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  while (i < body.length && (body[i] === 0x20 || body[i] === 0x09 || body[i] === 0x0a || body[i] === 0x0d))
    i++;
  return body[i] === 0x3c; // '<'
}

/** The validators of an answer; a 304 may omit them, and then the cached ones still hold. */
function validatorsOf(
  headers: IncomingHttpHeaders,
  fallback: CacheEntry | undefined,
): { etag?: string; lastModified?: string } {
  const etag = headers.etag ?? fallback?.etag;
  const lastModified = headers['last-modified'] ?? fallback?.lastModified;
  return { ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) };
}
