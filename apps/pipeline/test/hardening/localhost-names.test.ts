import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnd, runBoundedBin } from './support/bounded-bin.js';
import { errorLines, hasStackTrace } from './support/cli.js';
import { makePublishedPveRoot } from './support/published-root.js';
import { cell, record } from './support/record.js';
import { copyRoot, SLICES } from './support/roots.js';

/*
 * Plain http is allowed only to the local machine (issue 16, class 11). `*.localhost` used to
 * be allowed by its name alone; a resolver or a hosts file can send such a name anywhere. The
 * CLI children get a per-process hosts table (support/fake-hosts.mjs) that resolves one name
 * to this machine's non-loopback address, where the server also listens: the old policy
 * downloaded from it over plain http, the new one refuses before connecting.
 */

const FAKE_HOSTS = fileURLToPath(new URL('./support/fake-hosts.mjs', import.meta.url));

/** An address of this machine that is not loopback (the server answers there too). */
function outsideAddress(): string {
  for (const entries of Object.values(networkInterfaces())) {
    const found = entries?.find((e) => e.family === 'IPv4' && !e.internal);
    if (found) return found.address;
  }
  // No such interface: an address that is not loopback either way (nothing answers there).
  return '192.0.2.1';
}

let server: Server;
let port: number;
let requests = 0;
let base: string;
const roots: string[] = [];

beforeAll(async () => {
  const body = `const apiSchema = ${SLICES.pveNew()}\n`;
  server = createServer((_, response) => {
    requests++;
    response.writeHead(200, { 'content-type': 'application/javascript' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  port = (server.address() as AddressInfo).port;
  base = await makePublishedPveRoot('localhost-base');
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await Promise.all([base, ...roots].map((root) => rm(root, { recursive: true, force: true })));
});

interface Case {
  label: string;
  argv: (url: string) => string[];
  /** Where the name resolves: outside the machine, or to loopback (the control). */
  resolvesTo: 'outside' | 'loopback';
}

const CASES: Case[] = [
  {
    label: 'fetch --source http://evil.localhost/…',
    argv: (url) => ['fetch', '--api', 'pve', '--source', url, '--out', 'out.json'],
    resolvesTo: 'outside',
  },
  {
    label: 'pipeline --source pve=http://evil.localhost/…',
    argv: (url) => [
      'pipeline',
      '--api',
      'pve',
      '--source',
      `pve=${url}`,
      '--no-cache',
      '--lock-timeout',
      '0',
    ],
    resolvesTo: 'outside',
  },
  {
    label: 'pipeline --strict-fetch --source pve=http://evil.localhost/…',
    argv: (url) => [
      'pipeline',
      '--api',
      'pve',
      '--source',
      `pve=${url}`,
      '--strict-fetch',
      '--no-cache',
      '--lock-timeout',
      '0',
    ],
    resolvesTo: 'outside',
  },
  {
    label: 'control: fetch --source http://mirror.localhost/… resolving to 127.0.0.1',
    argv: (url) => ['fetch', '--api', 'pve', '--source', url, '--out', 'out.json'],
    resolvesTo: 'loopback',
  },
];

describe('plain http to *.localhost only when it resolves to loopback', () => {
  for (const c of CASES) {
    it(c.label, async (context) => {
      const root = await copyRoot(base, 'localhost');
      roots.push(root);
      const name = c.resolvesTo === 'outside' ? 'evil.localhost' : 'mirror.localhost';
      const address = c.resolvesTo === 'outside' ? outsideAddress() : '127.0.0.1';
      const before = requests;
      const manifest = await readFile(join(root, 'specs', 'manifest.json'));
      const result = await runBoundedBin(c.argv(`http://${name}:${port}/apidoc.js`), root, {
        env: {
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${FAKE_HOSTS}`.trim(),
          PROXMOX_OPENAPI_FAKE_HOSTS: `${name}=${address}`,
        },
      });
      const line = errorLines(result)[0] ?? '';
      const outside = c.resolvesTo === 'outside';
      record(context, {
        category: 'url-policy',
        case: `${c.label} (resolves to ${address})`,
        expected: outside ? 'exit 3, one line: not a loopback address; no request' : 'exit 0, downloaded',
        produced: cell(describeEnd(result, line || `${requests - before} request(s)`)),
      });
      expect(result.stopped).toBeUndefined();
      expect(hasStackTrace(result.stderr)).toBe(false);
      if (outside) {
        expect(result.exitCode, result.stderr).toBe(3);
        expect(errorLines(result)).toHaveLength(1);
        expect(line).toContain(
          `refusing plain http to ${name}: it resolves to ${address}, not a loopback address`,
        );
        expect(requests - before).toBe(0);
        expect(await readFile(join(root, 'specs', 'manifest.json'))).toEqual(manifest);
      } else {
        expect(result.exitCode, result.stderr).toBe(0);
        expect(requests - before).toBe(1);
      }
    });
  }
});
