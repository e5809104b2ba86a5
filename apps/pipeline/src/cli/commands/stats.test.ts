import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATS_END, STATS_START } from '@proxmox-openapi/readme-stats';
import { APIDOC_FIXTURES } from '@proxmox-openapi/test-fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureDocument } from '../../test-support/documents.js';
import { memoryIo as memory } from '../../test-support/memory-io.js';
import { main } from '../main.js';

const memoryIo = () => memory(process.cwd());
const runStats = (args: string[], io: ReturnType<typeof memoryIo>): Promise<number> =>
  main(['stats', ...args], io);

let specs: string;
beforeEach(async () => {
  specs = await mkdtemp(join(tmpdir(), 'stats-command-'));
});
afterEach(async () => {
  await rm(specs, { recursive: true, force: true });
});

/** A published specs/<api>/ folder: the JSON, a YAML twin and the snapshot metadata. */
async function publish(api: 'pve' | 'pbs', meta?: object): Promise<string> {
  const fixture = APIDOC_FIXTURES.find((f) => f.api === api);
  const dir = join(specs, api);
  await mkdir(dir, { recursive: true });
  const document = {
    ...fixtureDocument(fixture?.file as string),
    'x-generator': '@proxmox-openapi/spec-generate@0.1.0',
  };
  await writeFile(join(dir, `${api}-api.json`), `${JSON.stringify(document, null, 2)}\n`);
  await writeFile(join(dir, `${api}-api.yaml`), 'openapi: 3.0.3\n'.repeat(1000));
  if (meta) await writeFile(join(dir, 'apidoc.meta.json'), JSON.stringify(meta));
  return join(dir, `${api}-api.json`);
}

const PVE_META = {
  url: 'https://pve.proxmox.com/pve-docs/api-viewer/apidoc.js',
  sha256: 'b'.repeat(64),
  fetchedAt: '2026-11-25T17:00:00.000Z',
  lastModified: 'Sun, 16 Aug 2026 09:30:00 GMT',
};

describe('proxmox-openapi stats', () => {
  it('creates each API README, updates the root table, and changes nothing on a second run', async () => {
    const pve = await publish('pve', PVE_META);
    const pbs = await publish('pbs', {
      url: 'https://pbs.example/apidoc.js',
      sha256: 'c'.repeat(64),
      fetchedAt: '2026-08-16T08:00:00Z',
    });
    const root = join(specs, 'README.md');
    await writeFile(root, `# Root\n\n${STATS_START}\n${STATS_END}\n\nrest\n`);

    const io = memoryIo();
    expect(await runStats([pve, pbs, '--readme', root], io)).toBe(0);
    expect(io.out()).toContain(`pve: 428 paths, 646 operations (GET `);
    expect(io.out()).toContain(`${join(specs, 'pve', 'README.md')} created`);
    expect(io.out()).toContain(`${root} updated`);

    const pveReadme = await readFile(join(specs, 'pve', 'README.md'), 'utf8');
    expect(pveReadme).toMatch(/^# Proxmox VE API: OpenAPI documents\n/);
    expect(pveReadme).toContain('| source | <https://pve.proxmox.com/pve-docs/api-viewer/apidoc.js> |');
    // The source's own date (Last-Modified), not the fetch time and not the time of the run.
    expect(pveReadme).toContain('| source date | 2026-08-16 |');
    expect(pveReadme).toContain('| generator | @proxmox-openapi/spec-generate@0.1.0 |');
    expect(pveReadme).toContain(`| JSON | ${(await stat(pve)).size.toLocaleString('en-US')} bytes`);
    expect(pveReadme).toContain('| YAML | 15,000 bytes (14.6 KiB) |');
    const pbsReadme = await readFile(join(specs, 'pbs', 'README.md'), 'utf8');
    expect(pbsReadme).toContain('| source date | 2026-08-16 |');
    const rootText = await readFile(root, 'utf8');
    expect(
      rootText
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .map((l) => l.slice(0, 7)),
    ).toEqual(['| `pve`', '| `pbs`']);
    expect(rootText.endsWith(`${STATS_END}\n\nrest\n`)).toBe(true);

    const mtime = (await stat(root)).mtimeMs;
    const again = memoryIo();
    expect(await runStats([pve, pbs, '--readme', root], again)).toBe(0);
    expect(again.out()).toContain(`${join(specs, 'pve', 'README.md')} unchanged`);
    expect(again.out()).toContain(`${root} unchanged`);
    expect(await readFile(join(specs, 'pve', 'README.md'), 'utf8')).toBe(pveReadme);
    expect((await stat(root)).mtimeMs).toBe(mtime);
  });

  it('keeps a hand-written README around the markers', async () => {
    const pve = await publish('pve', PVE_META);
    const readme = join(specs, 'pve', 'README.md');
    await writeFile(readme, `# Mine\r\n\r\n${STATS_START}${STATS_END}\r\nfooter`);
    expect(await runStats([pve], memoryIo())).toBe(0);
    const text = await readFile(readme, 'utf8');
    expect(text.startsWith(`# Mine\r\n\r\n${STATS_START}\r\n\r\n| | |\r\n`)).toBe(true);
    expect(text.endsWith(`${STATS_END}\r\nfooter`)).toBe(true);
  });

  it('refuses a README without markers, naming the file (exit 3)', async () => {
    const pve = await publish('pve', PVE_META);
    const readme = join(specs, 'pve', 'README.md');
    await writeFile(readme, '# Mine\n');
    const io = memoryIo();
    expect(await runStats([pve], io)).toBe(3);
    expect(io.err()).toBe(
      `proxmox-openapi stats: ${readme}: the README has no stats markers: add the pair ${STATS_START} … ${STATS_END} where the statistics belong\n`,
    );
    expect(await readFile(readme, 'utf8')).toBe('# Mine\n');
  });

  it('says what is wrong with the arguments or the files', async () => {
    const pve = await publish('pve');
    const cases: [string[], number, string][] = [
      [[], 2, 'expected at least one SPEC'],
      [[join(specs, 'x.txt')], 2, 'must be an OpenAPI document ending in .json'],
      [[join(specs, 'missing.json')], 3, 'cannot read the document'],
      [[pve, '--readme', join(specs, 'nope.md')], 3, 'cannot read the README'],
    ];
    for (const [args, code, message] of cases) {
      const io = memoryIo();
      expect(await runStats(args, io)).toBe(code);
      expect(io.err()).toContain(message);
    }
  });

  it('takes the generator and the source from specs/manifest.json when the document does not say', async () => {
    const pve = await publish('pve');
    const document = JSON.parse(await readFile(pve, 'utf8'));
    delete document['x-generator'];
    await writeFile(pve, JSON.stringify(document));
    const manifest = {
      format: 1,
      apis: {
        pve: {
          name: 'Proxmox VE',
          source: {
            url: 'https://mirror.example/apidoc.js',
            sha256: 'd'.repeat(64),
            fetchedAt: '2026-08-17T01:02:03Z',
          },
          generator: '@proxmox-openapi/spec-generate@0.2.0',
        },
      },
      files: [],
    };
    await writeFile(join(specs, 'manifest.json'), JSON.stringify(manifest));
    expect(await runStats([pve], memoryIo())).toBe(0);
    const text = await readFile(join(specs, 'pve', 'README.md'), 'utf8');
    expect(text).toContain('| generator | @proxmox-openapi/spec-generate@0.2.0 |');
    expect(text).toContain('| source | <https://mirror.example/apidoc.js> |');
    expect(text).toContain('| source date | 2026-08-17 |');
  });

  it('without snapshot metadata says the date and hash are unknown instead of inventing them', async () => {
    const pve = await publish('pve');
    expect(await runStats([pve], memoryIo())).toBe(0);
    const text = await readFile(join(specs, 'pve', 'README.md'), 'utf8');
    expect(text).toContain('| source date | unknown |');
    expect(text).toContain('| source sha256 | unknown |');
  });
});
