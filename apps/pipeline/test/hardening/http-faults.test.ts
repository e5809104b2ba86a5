import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStageCache } from '../../src/test-support/workspace.js';
import { errorLines, hasStackTrace, runCli } from './support/cli.js';
import { type Fault, type FaultServer, startFaultServer } from './support/fault-server.js';
import { makePublishedPveRoot } from './support/published-root.js';
import { cell, record } from './support/record.js';
import { copyRoot, makeRoot, SLICES } from './support/roots.js';
import { hashTree } from './support/tree-state.js';

/*
 * HTTP faults on a loopback server, through the CLI: `fetch` with tight limits (bounded
 * retries, then one error line and exit 3, nothing written), and `pipeline --source pve=URL`
 * with its own settings (the documented fallback: the committed snapshot with a loud warning,
 * specs/ republished unchanged; with --strict-fetch an error and specs/ untouched).
 */

const RETRIES = 2;
const TIMEOUT_MS = 1500;
const MIB = 1024 * 1024;
// Small enough that the 200 MB body hits it long before the timeout on a slow machine.
const MAX_BYTES = 4 * MIB;
let body: string;

function chunked(res: Parameters<Fault>[1], text: string, cut: number): void {
  res.writeHead(200, { 'content-type': 'application/javascript' });
  res.write(text.slice(0, cut));
  // A reset in the middle of the body.
  setTimeout(() => res.socket?.destroy(), 20);
}

const FAULTS: Record<string, { fault: Fault; expect: RegExp; what: string }> = {
  '/reset-mid-body': {
    what: 'connection reset in the middle of the body',
    fault: (_req, res) => chunked(res, body, 2000),
    expect: /gave up after 3 attempts/,
  },
  '/slow-drip': {
    what: 'one byte every 100 ms, slower than the timeout allows',
    fault: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/javascript', 'content-length': String(body.length) });
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed || i >= body.length) return clearInterval(timer);
        res.write(body[i++] ?? '');
      }, 100);
      res.on('close', () => clearInterval(timer));
    },
    expect: /timed out.*gave up after 3 attempts/,
  },
  '/redirect-loop-301': {
    what: '301 and 302 pointing at each other',
    fault: (_req, res) => res.writeHead(301, { location: '/redirect-loop-302' }).end(),
    expect: /redirect loop/,
  },
  '/redirect-loop-302': {
    what: '(the other half of the loop)',
    fault: (_req, res) => res.writeHead(302, { location: '/redirect-loop-301' }).end(),
    expect: /redirect loop/,
  },
  '/redirect-to-plain-http': {
    what: 'a redirect to a plain-http host that is not loopback',
    fault: (_req, res) => res.writeHead(302, { location: 'http://example.com/apidoc.js' }).end(),
    expect: /refusing the redirect to http:\/\/example\.com/,
  },
  '/content-length-too-long': {
    what: 'Content-Length larger than the body, then the connection closes',
    fault: (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/javascript',
        'content-length': String(body.length * 2),
      });
      res.write(body);
      setTimeout(() => res.socket?.end(), 20);
    },
    expect: /gave up after 3 attempts/,
  },
  '/content-length-too-short': {
    what: 'Content-Length smaller than the body (the rest is cut off)',
    fault: (_req, res) => {
      res.socket?.write(
        `HTTP/1.1 200 OK\r\ncontent-type: application/javascript\r\ncontent-length: 300\r\nconnection: close\r\n\r\n${body}`,
      );
      res.socket?.end();
    },
    // Node's HTTP parser refuses the bytes after the declared length (retried), or the cut
    // body is refused as a truncated apidoc.
    expect: /Data after .*gave up after 3 attempts|never closed/,
  },
  '/gzip-broken': {
    what: 'Content-Encoding: gzip that does not decompress',
    fault: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/javascript', 'content-encoding': 'gzip' });
      res.end(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]));
    },
    expect: /gzip|decod|incorrect header|unexpected end/i,
  },
  '/too-many-requests': {
    what: '429 with Retry-After: 1, every time',
    fault: (_req, res) => res.writeHead(429, { 'retry-after': '1' }).end('slow down'),
    expect: /HTTP 429.*gave up after 3 attempts/,
  },
  '/server-error-forever': {
    what: '500 on every request',
    fault: (_req, res) => res.writeHead(500).end('boom'),
    expect: /HTTP 500.*gave up after 3 attempts/,
  },
  '/body-200mb': {
    what: 'a 200 MB streamed body (no Content-Length)',
    fault: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/javascript' });
      const chunk = Buffer.alloc(MIB, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 200 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    },
    expect: /size limit/,
  },
};

let server: FaultServer;
let base: string;
const roots: string[] = [];

beforeAll(async () => {
  body = `const apiSchema = ${SLICES.pveNew()}\n`;
  server = await startFaultServer(
    Object.fromEntries(Object.entries(FAULTS).map(([path, f]) => [path, f.fault])),
  );
  base = await makePublishedPveRoot('http-base');
});

afterAll(async () => {
  await server?.close();
  await Promise.all([base, ...roots].map((root) => rm(root, { recursive: true, force: true })));
});

const PATHS = Object.keys(FAULTS).filter((path) => path !== '/redirect-loop-302');

describe('HTTP faults through `fetch`: bounded retries, then one error line', () => {
  // Side by side: the cases mostly wait (timeouts, back-off, Retry-After), each on its own path
  // of the server (its request count is its own) and in its own root.
  it.concurrent.for(PATHS)('%s', async (path, context) => {
    const fault = FAULTS[path] as (typeof FAULTS)[string];
    const root = await makeRoot('http-fetch');
    roots.push(root);
    await mkdir(join(root, 'out'));
    const before = server.hits(path);
    const started = performance.now();
    const result = await runCli(
      [
        'fetch',
        '--api',
        'pve',
        '--source',
        server.url(path),
        '--out',
        'out/apidoc.json',
        '--retries',
        String(RETRIES),
        '--timeout-ms',
        String(TIMEOUT_MS),
        '--max-bytes',
        String(MAX_BYTES),
      ],
      root,
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const requests = server.hits(path) - before;
    record(context, {
      category: 'http-fault',
      case: `${path} (fetch): ${fault.what}`,
      expected: `exit 3 /${fault.expect.source}/, at most ${RETRIES + 1} attempts`,
      produced: cell(
        `exit ${result.exitCode} after ${requests} request(s), ${seconds} s: ${(errorLines(result)[0] ?? '').replace(/^.*?: GET \S+: /, '')}`,
      ),
    });
    expect(result.exitCode, result.stderr).toBe(3);
    expect(errorLines(result)).toHaveLength(1);
    expect(result.stderr).toMatch(fault.expect);
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(await readdir(join(root, 'out'))).toEqual([]);
    // Bounded: one request per attempt (a redirect loop: one per hop, 6 hops per attempt).
    const perAttempt = path.startsWith('/redirect-loop') ? 6 : 1;
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(requests).toBeLessThanOrEqual((RETRIES + 1) * perAttempt);
    if (path === '/body-200mb') {
      // Refused while streaming: far less than 200 MB went out before the connection closed.
      expect(server.written.get(path) ?? 0).toBeLessThan(100 * MIB);
    }
  });
});

describe('HTTP faults through `pipeline --source`: the documented fallback, or an error', () => {
  // The slow drip is left out here: the pipeline's timeout is 60 s per attempt (fetch covers it).
  const PIPELINE_PATHS = PATHS.filter((path) => path !== '/slow-drip');

  it.concurrent.for(PIPELINE_PATHS)('%s', async (path, context) => {
    const fault = FAULTS[path] as (typeof FAULTS)[string];
    const root = await copyRoot(base, 'http-pipeline');
    roots.push(root);
    const before = await hashTree(join(root, 'specs'));
    const result = await runCli(
      [
        'pipeline',
        '--api',
        'pve',
        '--source',
        `pve=${server.url(path)}`,
        '--cache-dir',
        sharedStageCache(),
        '--lock-timeout',
        '0',
      ],
      root,
    );
    const after = await hashTree(join(root, 'specs'));
    const fellBack = /USING THE COMMITTED SNAPSHOT/.test(result.stderr);
    record(context, {
      category: 'http-fault',
      case: `${path} (pipeline): ${fault.what}`,
      expected: 'exit 0 on the snapshot with a loud warning, or exit 3; specs/ unchanged',
      produced: cell(
        fellBack
          ? `exit ${result.exitCode}, fell back to the snapshot; specs/ ${JSON.stringify(after) === JSON.stringify(before) ? 'unchanged' : 'CHANGED'}`
          : `exit ${result.exitCode}: ${errorLines(result)[0] ?? ''}`,
      ),
    });
    expect(hasStackTrace(result.stderr)).toBe(false);
    // Either way the published set is what it was: a fallback republishes the same snapshot.
    expect(after).toEqual(before);
    if (fellBack) {
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/the live fetch of .* FAILED/);
    } else {
      expect(result.exitCode, result.stderr).toBe(3);
      expect(errorLines(result)).toHaveLength(1);
      expect(result.stderr).toMatch(fault.expect);
    }
  });

  it('--strict-fetch turns the fallback into one error line and leaves specs/ untouched', async (context) => {
    const root = await copyRoot(base, 'http-strict');
    roots.push(root);
    const before = await hashTree(join(root, 'specs'));
    const result = await runCli(
      [
        'pipeline',
        '--api',
        'pve',
        '--strict-fetch',
        '--source',
        `pve=${server.url('/server-error-forever')}`,
        '--cache-dir',
        sharedStageCache(),
        '--lock-timeout',
        '0',
      ],
      root,
    );
    record(context, {
      category: 'http-fault',
      case: '/server-error-forever (pipeline --strict-fetch)',
      expected: 'exit 3, one line, specs/ unchanged',
      produced: cell(`exit ${result.exitCode}: ${errorLines(result)[0] ?? ''}`),
    });
    expect(result.exitCode).toBe(3);
    expect(errorLines(result)).toHaveLength(1);
    expect(result.stderr).toMatch(/--strict-fetch forbids falling back/);
    expect(await hashTree(join(root, 'specs'))).toEqual(before);
  });
});
