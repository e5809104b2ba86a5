import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { APIDOC_FIXTURES, fixturePath, loadFixtureText } from '@proxmox-openapi/test-fixtures';
import { frameApidoc, startServer, type TestServer } from '@proxmox-openapi/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../../test-support/memory-io.js';
import { main } from '../main.js';

let dir: string;
let server: TestServer | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apidoc-fetch-cli-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo(dir);
  const code = await main(['fetch', ...args], io);
  return { code, stdout: io.out(), stderr: io.err() };
}

const pveFixture = APIDOC_FIXTURES.find((f) => f.api === 'pve') ?? APIDOC_FIXTURES[0];
const fixture = pveFixture as NonNullable<typeof pveFixture>;

describe('proxmox-openapi fetch', () => {
  it('downloads, writes the bare JSON array and prints one summary line', async () => {
    const json = loadFixtureText(fixture.file);
    server = await startServer((_req, res) => {
      res.writeHead(200, { etag: '"e1"' }).end(frameApidoc(json, 'pve'));
    });
    const { code, stdout, stderr } = await run([
      '--api',
      'pve',
      '--source',
      server.url(),
      '--out',
      'out/pve.json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const written = await readFile(join(dir, 'out/pve.json'), 'utf8');
    expect(JSON.parse(written)).toEqual(JSON.parse(json));
    expect(written).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    expect(stdout.split('\n')).toEqual([expect.any(String), '']);
    expect(stdout).toMatch(
      new RegExp(
        `^pve: \\d+ nodes, ${fixture.paths} paths with methods, ${fixture.operations} operations, sha256 [0-9a-f]{64}; downloaded from`,
      ),
    );
  });

  it('says when the answer came from the cache', async () => {
    server = await startServer((req, res) => {
      if (req.headers['if-none-match'] === '"e1"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"e1"' }).end(frameApidoc(loadFixtureText(fixture.file), 'pbs'));
    });
    const args = ['--api', 'pve', '--source', server.url(), '--out', 'pve.json', '--cache-dir', 'cache'];
    expect((await run(args)).stdout).toMatch(/downloaded from/);
    const second = await run(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/not modified at .*: served from the cache/);
  });

  it.each(APIDOC_FIXTURES.map((f) => [f.file, f] as const))('reads %s from a file', async (_, f) => {
    const { code, stdout } = await run(['--api', f.api, '--source', fixturePath(f.file), '--out', 'x.json']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`${f.paths} paths with methods, ${f.operations} operations`));
    expect(stdout).toMatch(/read from /);
  });

  it('reads an apidoc.js file in either framing', async () => {
    await writeFile(join(dir, 'apidoc.js'), frameApidoc(loadFixtureText(fixture.file), 'pbs'));
    const { code, stdout } = await run(['--api', 'pve', '--source', 'apidoc.js', '--out', 'x.json']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`${fixture.operations} operations`));
  });

  const bad: [string, (res: import('node:http').ServerResponse) => void, RegExp, string[]?][] = [
    ['a 404', (res) => res.writeHead(404).end(), /HTTP 404 Not Found \(not retried\)/],
    [
      'a 500 that persists',
      (res) => res.writeHead(500).end(),
      /HTTP 500 .*gave up after 2 attempts/,
      ['--retries', '1'],
    ],
    [
      'an HTML page',
      (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'),
      /HTML page/,
    ],
    ['an empty body', (res) => res.writeHead(200).end(), /empty body/],
    [
      'a truncated body',
      (res) => res.writeHead(200, { connection: 'close' }).end('var apiSchema = [{"path": "/a", "te'),
      /truncated/,
    ],
    [
      'a body over the limit',
      (res) => res.writeHead(200).end(`[${' '.repeat(5000)}]`),
      /size limit of 1000 bytes/,
      ['--max-bytes', '1000'],
    ],
    [
      'a stall',
      (res) => res.writeHead(200).write('var apiSchema = ['),
      /timed out/,
      ['--timeout-ms', '200', '--retries', '0'],
    ],
    [
      'a JavaScript expression',
      (res) => res.writeHead(200).end('var apiSchema = [ (globalThis.__cliProbe = 1) ];'),
      /not valid JSON/,
    ],
    ['a reset connection', (res) => res.socket?.destroy(), /ECONNRESET|socket hang up/, ['--retries', '0']],
  ];
  it.each(bad)('ends %s with one line on stderr and exit code 3', async (_, respond, message, extra = []) => {
    server = await startServer((_req, res) => respond(res));
    const { code, stdout, stderr } = await run([
      '--api',
      'pve',
      '--source',
      server.url(),
      '--out',
      'out.json',
      ...extra,
    ]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      expect.stringMatching(/^proxmox-openapi fetch \[pve\/fetch\]: /),
      '',
    ]);
    expect(stderr).toMatch(message);
    await expect(readFile(join(dir, 'out.json'))).rejects.toThrow(/ENOENT/);
    expect('__cliProbe' in globalThis).toBe(false);
  });

  it('ends a missing file, a corrupt gzip and a non-apidoc file with exit code 3', async () => {
    await writeFile(join(dir, 'bad.json.gz'), gzipSync('not json').subarray(0, 12));
    await writeFile(join(dir, 'object.json'), '{"a": 1}');
    for (const [file, message] of [
      ['missing.js', /cannot read .*missing\.js: ENOENT/],
      ['bad.json.gz', /bad\.json\.gz is not valid gzip/],
      ['object.json', /object\.json: this is a JSON object, not the apidoc array \(line 1, column 1\)/],
    ] as const) {
      const { code, stderr } = await run(['--api', 'pbs', '--source', file, '--out', 'out.json']);
      expect(code).toBe(3);
      expect(stderr.split('\n')).toHaveLength(2);
      expect(stderr).toMatch(message);
    }
  });

  it.each([
    [['--out', 'x.json'], /--api API is required/],
    [['--api', 'pve'], /--out FILE is required/],
    [['--api', 'nope', '--out', 'x.json'], /unknown API "nope"/],
    [['--api', 'pve', '--out', 'x.json', '--retries', 'many'], /--retries needs a whole number/],
    [
      ['--api', 'pve', '--out', 'x.json', '--bogus'],
      /unknown option --bogus \(fetch takes --api, --source, --out/,
    ],
  ])('treats %j as a usage error (exit 2)', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('refuses plain http to a remote host without touching the network', async () => {
    const { code, stderr } = await run([
      '--api',
      'pve',
      '--source',
      'http://pve.proxmox.com/apidoc.js',
      '--out',
      'x.json',
    ]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/plain http is allowed only for loopback hosts/);
  });
});
