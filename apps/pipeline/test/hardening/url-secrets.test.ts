import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBoundedBin } from './support/bounded-bin.js';
import { type CliResult, runCli } from './support/cli.js';
import { type FaultServer, startFaultServer } from './support/fault-server.js';
import { makePublishedPveRoot } from './support/published-root.js';
import { cell, record } from './support/record.js';
import { copyRoot, SLICES } from './support/roots.js';

/*
 * A password in a `--source` URL (issue 16, class 10). It used to be written into specs/
 * (apidoc.meta.json, the README), the manifest, the release archive, the run report and
 * stderr. The request still sends it (the server below checks the Authorization header), but
 * no file the run writes and no line it prints may hold it: every case searches the whole
 * root (gzip files decompressed) and both streams.
 */

// In-process (fast); the real bin of another build when PROXMOX_OPENAPI_HARDENING_BIN names one.
const run = process.env.PROXMOX_OPENAPI_HARDENING_BIN ? runBoundedBin : runCli;

const SECRET = 'pw-Zx81-secret';
const USERINFO = `admin:${SECRET}`;
let server: FaultServer;
let base: string;
let body: string;
const roots: string[] = [];
const authorizations: string[] = [];

beforeAll(async () => {
  body = `const apiSchema = ${SLICES.pveNew()}\n`;
  server = await startFaultServer({
    '/apidoc.js': (req, res) => {
      authorizations.push(req.headers.authorization ?? '');
      res.writeHead(200, { 'content-type': 'application/javascript' }).end(body);
    },
    '/down.js': (_, res) => {
      res.writeHead(503).end();
    },
    '/page.js': (_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><title>Login</title></html>');
    },
  });
  base = await makePublishedPveRoot('secrets-base');
});

afterAll(async () => {
  await server?.close();
  await Promise.all([base, ...roots].map((root) => rm(root, { recursive: true, force: true })));
});

/** A loopback URL of the server with the secret in its userinfo. */
function secretUrl(path: string): string {
  return server.url(path).replace('http://', `http://${USERINFO}@`);
}

/** Every file below `dir` (gzip decompressed) that holds `needle`, by relative path. */
async function filesHolding(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes = await readFile(path);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    if (bytes.includes(needle)) found.push(path.slice(dir.length + 1));
  }
  return found;
}

interface Case {
  label: string;
  argv: (root: string) => string[];
  exitCode: number;
  /** The server must have received the credentials (a successful download). */
  sent?: boolean;
}

const CASES: Case[] = [
  {
    label: 'pipeline --publish --report, the download succeeds',
    argv: () => [
      'pipeline',
      '--api',
      'pve',
      '--source',
      `pve=${secretUrl('/apidoc.js')}`,
      '--no-cache',
      '--publish',
      '--report',
      'report.json',
      '--lock-timeout',
      '0',
    ],
    exitCode: 0,
    sent: true,
  },
  {
    label: 'pipeline, the download fails: snapshot fallback warning',
    argv: () => [
      'pipeline',
      '--api',
      'pve',
      '--source',
      `pve=${secretUrl('/down.js')}`,
      '--no-cache',
      '--report',
      'report.json',
      '--lock-timeout',
      '0',
    ],
    exitCode: 0,
  },
  {
    label: 'pipeline --strict-fetch --verbose, the download fails',
    argv: () => [
      'pipeline',
      '--api',
      'pve',
      '--source',
      `pve=${secretUrl('/down.js')}`,
      '--strict-fetch',
      '--no-cache',
      '--report',
      'report.json',
      '--lock-timeout',
      '0',
      '--verbose',
    ],
    exitCode: 3,
  },
  {
    label: 'fetch --source URL, the download succeeds',
    argv: () => ['fetch', '--api', 'pve', '--source', secretUrl('/apidoc.js'), '--out', 'out.json'],
    exitCode: 0,
    sent: true,
  },
  {
    label: 'fetch --source URL --verbose, an HTML page',
    argv: () => [
      'fetch',
      '--api',
      'pve',
      '--source',
      secretUrl('/page.js'),
      '--out',
      'out.json',
      '--verbose',
    ],
    exitCode: 3,
  },
  {
    label: 'fetch --source URL, plain http to another host (refused)',
    argv: () => [
      'fetch',
      '--api',
      'pve',
      '--source',
      `http://${USERINFO}@example.invalid/x.js`,
      '--out',
      'o.json',
    ],
    exitCode: 3,
  },
];

describe('a password in a --source URL is never stored or printed', () => {
  for (const c of CASES) {
    it(c.label, async (context) => {
      const root = await copyRoot(base, 'secrets');
      roots.push(root);
      const sentBefore = authorizations.length;
      const result: CliResult = await run(c.argv(root), root);
      const files = await filesHolding(root, SECRET);
      const printed = [
        result.stdout.includes(SECRET) && 'stdout',
        result.stderr.includes(SECRET) && 'stderr',
      ];
      const leaks = [...files, ...printed.filter((p): p is string => p !== false)];
      record(context, {
        category: 'secrets',
        case: `userinfo in the URL: ${c.label}`,
        expected: `exit ${c.exitCode}; the password in no file, no line`,
        produced: cell(
          `exit ${result.exitCode}; ${leaks.length === 0 ? 'no leak' : `in ${leaks.join(', ')}`}`,
        ),
      });
      expect(result.exitCode, result.stderr).toBe(c.exitCode);
      expect(leaks).toEqual([]);
      if (c.sent) {
        // Redacted where it is shown, still used where it is needed: the request carried it.
        expect(authorizations.slice(sentBefore)).toContain(
          `Basic ${Buffer.from(USERINFO).toString('base64')}`,
        );
      }
    });
  }
});
