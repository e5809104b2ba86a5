import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import {
  countApiTree,
  getApiTarget,
  InputError,
  NetworkError,
  PipelineError,
  sha256,
} from '@proxmox-openapi/core';
import { APIDOC_FIXTURES, loadFixtureText } from '@proxmox-openapi/test-fixtures';
import {
  frameApidoc,
  memoryLogger,
  selfSignedTls,
  startServer,
  type TestServer,
} from '@proxmox-openapi/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FetchOptions, fetchApidoc } from './fetch-apidoc.js';

const pve = getApiTarget('pve');
const small = frameApidoc(
  JSON.stringify([{ path: '/version', text: 'version', leaf: 1, info: { GET: { method: 'GET' } } }]),
  'pbs',
);
// Fast retries: the backoff base is an option precisely so that tests need not wait.
const quick: FetchOptions = { backoffBaseMs: 5, maxBackoffMs: 20, retries: 3 };

let server: TestServer | undefined;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apidoc-fetch-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<PipelineError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PipelineError);
    const e = error as PipelineError;
    expect(e.stage).toBe('fetch');
    expect(e.api).toBe('pve');
    expect(e.message.split('\n')).toHaveLength(1);
    return e;
  }
  throw new Error('expected the fetch to fail');
}

describe('fetchApidoc on the real schemas over loopback', () => {
  const encodings = ['identity', 'gzip', 'br', 'deflate'] as const;
  const cases = APIDOC_FIXTURES.flatMap((fixture, i) =>
    (['pve', 'pbs'] as const).map((framing, j) => ({
      fixture,
      framing,
      encoding: encodings[(i * 2 + j) % 4] ?? 'identity',
    })),
  );
  it.each(cases.map((c) => [c.fixture.file, c.framing, c.encoding, c] as const))(
    '%s, %s framing, %s',
    async (_file, _framing, _encoding, { fixture, framing, encoding }) => {
      const text = frameApidoc(loadFixtureText(fixture.file), framing);
      const raw = Buffer.from(text, 'utf8');
      const body =
        encoding === 'gzip'
          ? gzipSync(raw)
          : encoding === 'br'
            ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
            : encoding === 'deflate'
              ? deflateSync(raw)
              : raw;
      server = await startServer((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/javascript',
          ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
          etag: '"v1"',
          'last-modified': 'Sun, 16 Aug 2026 10:00:00 GMT',
        });
        res.end(body);
      });
      const result = await fetchApidoc(pve, { url: server.url() });
      const counts = countApiTree(result.tree);
      expect(counts.paths).toBe(fixture.paths);
      expect(counts.operations).toBe(fixture.operations);
      expect(result.text).toBe(text);
      expect(result.sha256).toBe(sha256(raw));
      expect(result).toMatchObject({ url: server.url(), etag: '"v1"', notModified: false, attempts: 1 });
      expect(result.lastModified).toBe('Sun, 16 Aug 2026 10:00:00 GMT');
      expect(Number.isNaN(Date.parse(result.fetchedAt))).toBe(false);
      expect(server.requests[0]?.headers['accept-encoding']).toMatch(/gzip/);
    },
  );
});

describe('fetchApidoc retries', () => {
  it('retries a 500 and succeeds on the next answer', async () => {
    server = await startServer((_req, res, n) => {
      if (n === 1) res.writeHead(500).end('boom');
      else res.writeHead(200).end(small);
    });
    const logger = memoryLogger();
    const result = await fetchApidoc(pve, { ...quick, url: server.url(), logger });
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/HTTP 500 Internal Server Error; attempt 2 of 4 in \d+ ms \(backoff\)/);
  });

  it('honours Retry-After on a 503', async () => {
    server = await startServer((_req, res, n) => {
      if (n === 1) res.writeHead(503, { 'retry-after': '1' }).end();
      else res.writeHead(200).end(small);
    });
    const logger = memoryLogger();
    const result = await fetchApidoc(pve, { ...quick, url: server.url(), logger });
    expect(result.attempts).toBe(2);
    expect(logger.lines[0]).toMatch(
      /HTTP 503 Service Unavailable; attempt 2 of 4 in 1000 ms \(Retry-After\)/,
    );
  });

  it('caps a long Retry-After on a 429', async () => {
    server = await startServer((_req, res, n) => {
      if (n === 1) res.writeHead(429, { 'retry-after': '3600' }).end();
      else res.writeHead(200).end(small);
    });
    const logger = memoryLogger();
    const result = await fetchApidoc(pve, { ...quick, url: server.url(), logger, maxRetryAfterMs: 50 });
    expect(result.attempts).toBe(2);
    expect(logger.lines[0]).toMatch(
      /HTTP 429 Too Many Requests; attempt 2 of 4 in 50 ms \(Retry-After, capped\)/,
    );
  });

  it('does not retry a 404 and says so', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(404).end('not here');
    });
    const error = await failure(fetchApidoc(pve, { ...quick, url: server.url() }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(`GET ${server.url()}: HTTP 404 Not Found (not retried)`);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a host name that does not exist, and says so', async () => {
    // `.invalid` never resolves (RFC 6761), with or without a network.
    const logger = memoryLogger();
    const url = 'https://apidoc.proxmox-openapi.invalid/apidoc.js';
    const error = await failure(fetchApidoc(pve, { ...quick, url, logger }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(
      /^GET https:\/\/apidoc\.proxmox-openapi\.invalid\/apidoc\.js: .*ENOTFOUND.*\(not retried\)$/,
    );
    expect(logger.lines.join('\n')).not.toMatch(/attempt 2/);
  });

  it('gives up after the retries on a 500 that persists', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(500).end();
    });
    const error = await failure(fetchApidoc(pve, { ...quick, url: server.url(), retries: 2 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/HTTP 500 Internal Server Error \(gave up after 3 attempts\)$/);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a connection reset before any answer', async () => {
    server = await startServer((req, res, n) => {
      if (n === 1) req.socket.destroy();
      else res.writeHead(200).end(small);
    });
    const result = await fetchApidoc(pve, { ...quick, url: server.url() });
    expect(result.attempts).toBe(2);
  });

  it('retries a body cut short by a reset, then fails with a clear error', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(small.length) });
      res.write(small.slice(0, 40));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await failure(fetchApidoc(pve, { ...quick, url: server.url(), retries: 1 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(
      /closed before the whole body arrived \(truncated\) \(gave up after 2 attempts\)/,
    );
  });

  it('times out a server that stalls, and retries it', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(small.length) });
      res.write(small.slice(0, 10));
      // …and never more.
    });
    const error = await failure(
      fetchApidoc(pve, { ...quick, url: server.url(), retries: 1, timeoutMs: 800 }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(
      /no complete answer within 800 ms \(timed out\) \(gave up after 2 attempts\)/,
    );
    expect(server.requests).toHaveLength(2);
  });

  it('times out a slow drip that never finishes within the attempt', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(small.length) });
      let i = 0;
      const drip = setInterval(() => {
        if (res.destroyed || i >= small.length) {
          clearInterval(drip);
          return;
        }
        res.write(small[i++] ?? '');
      }, 20);
    });
    const error = await failure(fetchApidoc(pve, { url: server.url(), retries: 0, timeoutMs: 300 }));
    expect(error.message).toMatch(/no complete answer within 300 ms \(timed out\)$/);
  });

  it('times out a server that never answers the headers', async () => {
    server = await startServer(() => {});
    const error = await failure(fetchApidoc(pve, { url: server.url(), retries: 0, timeoutMs: 200 }));
    expect(error.message).toMatch(/timed out/);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    // Abort once the request has arrived, so the test does not depend on how fast that is.
    server = await startServer(() => controller.abort());
    const error = await failure(fetchApidoc(pve, { ...quick, url: server.url(), signal: controller.signal }));
    expect(error.message).toMatch(/aborted/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('fetchApidoc conditional requests', () => {
  it('serves an unchanged file from the cache for one 304', async () => {
    let bodies = 0;
    server = await startServer((req, res) => {
      if (req.headers['if-none-match'] === '"abc"') {
        res.writeHead(304, { etag: '"abc"' }).end();
        return;
      }
      bodies++;
      res.writeHead(200, { etag: '"abc"', 'last-modified': 'Sun, 16 Aug 2026 10:00:00 GMT' }).end(small);
    });
    const first = await fetchApidoc(pve, { url: server.url(), cacheDir: dir });
    expect(first.notModified).toBe(false);
    const second = await fetchApidoc(pve, { url: server.url(), cacheDir: dir });
    expect(second).toMatchObject({
      notModified: true,
      attempts: 1,
      etag: '"abc"',
      sha256: first.sha256,
      text: first.text,
    });
    expect(second.tree).toEqual(first.tree);
    expect(bodies).toBe(1);
    expect(server.requests[1]?.headers['if-modified-since']).toBe('Sun, 16 Aug 2026 10:00:00 GMT');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('uses If-Modified-Since when there is no ETag, and a new body replaces the cache', async () => {
    let version = 1;
    server = await startServer((req, res) => {
      if (version === 1 && req.headers['if-modified-since'] === 'Sun, 16 Aug 2026 10:00:00 GMT') {
        res.writeHead(304).end();
        return;
      }
      res
        .writeHead(200, { 'last-modified': 'Sun, 16 Aug 2026 10:00:00 GMT' })
        .end(version === 1 ? small : `${small}\n// v2`);
    });
    await fetchApidoc(pve, { url: server.url(), cacheDir: dir });
    expect((await fetchApidoc(pve, { url: server.url(), cacheDir: dir })).notModified).toBe(true);
    version = 2;
    const changed = await fetchApidoc(pve, { url: server.url(), cacheDir: dir });
    expect(changed.notModified).toBe(false);
    expect(changed.text.endsWith('// v2')).toBe(true);
  });

  it('refuses a 304 when nothing is cached', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(304).end();
    });
    const error = await failure(fetchApidoc(pve, { url: server.url(), cacheDir: dir }));
    expect(error.message).toMatch(/304 Not Modified, but nothing was cached/);
  });
});

describe('fetchApidoc refuses what is not an apidoc', () => {
  it('an HTML error page, without caching it', async () => {
    server = await startServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<html><head><title>Service Maintenance</title></head></html>');
    });
    const error = await failure(fetchApidoc(pve, { url: server.url(), cacheDir: dir }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `GET ${server.url()}: HTTP 200 sent an HTML page (text/html, "Service Maintenance"), not an apidoc`,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('an empty body', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200).end();
    });
    const error = await failure(fetchApidoc(pve, { url: server.url() }));
    expect(error.message).toMatch(/HTTP 200 with an empty body, not an apidoc/);
  });

  it('a body truncated by a server that closes the connection early (no Content-Length)', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { connection: 'close' });
      res.end(small.slice(0, small.indexOf('"GET"') + 3));
    });
    const error = await failure(fetchApidoc(pve, { url: server.url() }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/never closed \(is the file truncated\?\) \(line 1, column \d+\)$/);
  });

  it('a body over the size limit by Content-Length', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': '5000000' }).end('x'.repeat(5_000_000));
    });
    const error = await failure(fetchApidoc(pve, { url: server.url(), maxBytes: 1_000_000 }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /\(Content-Length 5000000\) is over the size limit of 1000000 bytes \(not retried\)/,
    );
  });

  it('a streamed body over the size limit, without reading the rest', async () => {
    let written = 0;
    let closed: (finished: boolean) => void = () => {};
    const closedEarly = new Promise<boolean>((resolve) => {
      closed = (finished) => resolve(!finished);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    server = await startServer((_req, res) => {
      res.writeHead(200);
      res.on('close', () => closed(res.writableFinished));
      // 200 MB if nobody stopped it; backpressure keeps the server honest.
      const pump = (): void => {
        while (written < 200 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    const error = await failure(fetchApidoc(pve, { url: server.url(), maxBytes: 1_000_000 }));
    expect(error.message).toMatch(/is over the size limit of 1000000 bytes/);
    expect(await closedEarly).toBe(true);
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('a gzip bomb, by its decompressed size', async () => {
    const bomb = gzipSync(Buffer.alloc(20_000_000, 0x20));
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
    });
    const error = await failure(fetchApidoc(pve, { url: server.url(), maxBytes: 1_000_000 }));
    expect(bomb.length).toBeLessThan(1_000_000);
    expect(error.message).toMatch(/decompresses to more than the size limit of 1000000 bytes/);
  });

  it('a gzip body that does not decompress', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('this is not gzip at all'));
    });
    const error = await failure(fetchApidoc(pve, { url: server.url() }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/the body does not decompress/);
  });

  it('a JavaScript expression instead of JSON, without running it', async () => {
    server = await startServer((_req, res) => {
      res
        .writeHead(200)
        .end('var apiSchema = [ (function () { globalThis.__fetchProbe = 1; return {}; })() ];');
    });
    const error = await failure(fetchApidoc(pve, { url: server.url() }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/not valid JSON: .*JavaScript, not JSON.*\(line 1, column 19\)$/);
    expect('__fetchProbe' in globalThis).toBe(false);
  });

  it('__proto__ keys in the data, without polluting prototypes', async () => {
    server = await startServer((_req, res) => {
      res
        .writeHead(200)
        .end(
          '[{"path": "/a", "text": "a", "__proto__": {"polluted": 1}, "info": {"GET": {"parameters": {"properties": {"__proto__": {"polluted": 2}}}}}}]',
        );
    });
    const result = await fetchApidoc(pve, { url: server.url() });
    expect(countApiTree(result.tree).operations).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('fetchApidoc URL policy', () => {
  it('refuses plain http to a non-loopback host before any connection', async () => {
    const error = await failure(
      fetchApidoc(pve, { url: 'http://pve.proxmox.com/pve-docs/api-viewer/apidoc.js' }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/plain http is allowed only for loopback hosts/);
  });

  it('refuses other schemes', async () => {
    const error = await failure(fetchApidoc(pve, { url: 'file:///etc/passwd' }));
    expect(error.message).toMatch(/the file scheme is not supported/);
  });

  it('follows a redirect to loopback', async () => {
    server = await startServer((req, res) => {
      if (req.url === '/old') res.writeHead(301, { location: '/apidoc.js' }).end();
      else res.writeHead(200).end(small);
    });
    const result = await fetchApidoc(pve, { url: server.url('/old') });
    expect(result.url).toBe(server.url('/apidoc.js'));
  });

  it('refuses a redirect to plain http elsewhere', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(302, { location: 'http://example.com/apidoc.js' }).end();
    });
    const error = await failure(fetchApidoc(pve, { ...quick, url: server.url() }));
    expect(error.message).toMatch(/refusing the redirect to http:\/\/example\.com\/apidoc\.js: plain http/);
    expect(server.requests).toHaveLength(1);
  });

  it('stops a redirect loop', async () => {
    server = await startServer((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end();
    });
    const error = await failure(fetchApidoc(pve, { ...quick, url: server.url('/a'), maxRedirects: 3 }));
    expect(error.message).toMatch(/more than 3 redirects/);
    expect(server.requests).toHaveLength(4);
  });
});

describe('fetchApidoc over TLS', () => {
  const tls = selfSignedTls();
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function listen(server: import('node:net').Server): Promise<string> {
    const sockets = new Set<import('node:net').Socket>();
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}/apidoc.js`;
  }

  it('refuses a certificate it cannot verify, without retrying', async () => {
    let requests = 0;
    const url = await listen(
      createHttpsServer(tls, (_req, res) => {
        requests++;
        res.end(small);
      }),
    );
    const error = await failure(fetchApidoc(pve, { ...quick, url }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/SELF_SIGNED|self-signed|certificate/i);
    expect(error.message).toMatch(/\(not retried\)$/);
    expect(requests).toBe(0);
  });

  it('times out a connection whose TLS handshake never completes, and retries it', async () => {
    let connections = 0;
    // Accepts TCP and then says nothing: the connect timeout covers the handshake.
    const url = await listen(
      createNetServer(() => {
        connections++;
      }),
    );
    const error = await failure(fetchApidoc(pve, { ...quick, url, retries: 1, connectTimeoutMs: 200 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/no connection within 200 ms \(gave up after 2 attempts\)$/);
    expect(connections).toBe(2);
  });
});

describe('fetchApidoc and a cache it cannot write', () => {
  it('still returns the download, with a warning', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { etag: '"x"' }).end(small);
    });
    // A file where the cache folder should be: every write into it fails.
    const blocked = join(dir, 'not-a-dir');
    await writeFile(blocked, 'x');
    const logger = memoryLogger();
    const result = await fetchApidoc(pve, { url: server.url(), cacheDir: blocked, logger });
    expect(result.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(logger.lines.filter((l) => l.startsWith('warn:'))).toEqual([
      expect.stringMatching(/^warn: pve: could not update the download cache in .*not-a-dir: E/),
    ]);
  });
});

describe('fetchApidoc options', () => {
  it.each([
    ['retries', Number.NaN],
    ['maxBytes', -1],
    ['timeoutMs', Number.POSITIVE_INFINITY],
  ] as const)('refuses %s = %s instead of retrying forever or dropping the limit', async (name, value) => {
    await expect(fetchApidoc(pve, { url: 'http://127.0.0.1:9/apidoc.js', [name]: value })).rejects.toThrow(
      new RegExp(`the option ${name} must be a finite number`),
    );
  });
});
