import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, sha256 } from '@proxmox-openapi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './build-site.js';
import type { SiteApiFacts } from './published-api.js';
import { fixtureSpecs, PRODUCTS, REPO_SPECS, siteApis } from './test-support/fixture-specs.js';

let specsDir: string;
let work: string;

beforeAll(async () => {
  specsDir = await fixtureSpecs();
  work = await mkdtemp(join(tmpdir(), 'site-out-'));
});
afterAll(async () => {
  await rm(join(specsDir, '..'), { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

/** Each file's sha256 (comparing hashes: a deep equality over megabytes of bytes is very slow). */
async function hashAll(dir: string, files: string[]): Promise<Record<string, string>> {
  return Object.fromEntries(
    await Promise.all(files.map(async (f) => [f, sha256(await readFile(join(dir, f)))])),
  );
}

describe('buildSite on the published specs', () => {
  it('writes the landing page, one reference page per product, the changes page and the documents', async () => {
    const outDir = join(work, 'site');
    const site = await buildSite({ specsDir, apis: await siteApis(specsDir), outDir });
    // Every product of the manifest, in the registry's order (PVE first).
    expect(site.apis.map((a) => a.id)).toEqual(PRODUCTS);
    expect(PRODUCTS.slice(0, 2)).toEqual(['pve', 'pbs']);
    expect(site.apis.find((a) => a.id === 'pve')).toMatchObject({
      snapshotDate: '2026-08-16',
      changes: true,
    });
    expect(site.apis.find((a) => a.id === 'pbs')?.changes).toBe(false);
    expect(site.files).toEqual(
      expect.arrayContaining([
        'index.html',
        'pve/index.html',
        'pve/changes.html',
        'pve/pve-api.json',
        'pve/pve-api.yaml',
        'pbs/index.html',
        'pbs/pbs-api.json',
        'assets/site.css',
        'assets/changes.js',
        ...site.files.filter((f) => f.startsWith(`assets/${site.renderer.id}/`)),
      ]),
    );
    expect(site.files).not.toContain('pbs/changes.html');
    expect(site.files.some((f) => f.startsWith(`assets/${site.renderer.id}/`))).toBe(true);
    // The documents are the published bytes.
    expect(sha256(await readFile(join(outDir, 'pve/pve-api.json')))).toBe(
      sha256(await readFile(join(specsDir, 'pve/pve-api.json'))),
    );

    const landing = await readFile(join(outDir, 'index.html'), 'utf8');
    for (const api of site.apis) {
      expect(landing).toContain(`<h2>${api.name} <span class="muted">(${api.id})</span></h2>`);
      expect(landing).toContain(`href="${api.id}/${api.id}-api.json"`);
      expect(site.files).toContain(`${api.id}/index.html`);
    }
    expect(landing).toContain('2026-08-16');
    expect(landing).toContain('href="pve/pve-api.yaml"');
    // Counted from the documents, methods in a fixed order.
    expect(landing).toContain('646 <span class="muted">(GET 326, POST 167, PUT 79, DELETE 74)</span>');
    expect(landing).toContain('367 <span class="muted">(GET 185, POST 91, PUT 53, DELETE 38)</span>');
    expect(landing).toContain('href="pve/changes.html"');
    expect(landing).not.toContain('href="pbs/changes.html"');

    // Nothing on any page points off the site: no CDN, no absolute URL to fetch.
    for (const page of site.files.filter((f) => f.endsWith('.html'))) {
      const html = await readFile(join(outDir, page), 'utf8');
      expect(html, page).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });

  it('lists breaking changes first in each release, newest release first', async () => {
    const outDir = join(work, 'changes');
    await buildSite({ specsDir, apis: await siteApis(specsDir), outDir });
    const html = await readFile(join(outDir, 'pve/changes.html'), 'utf8');
    const levels = [...html.matchAll(/<tr data-level="(\w+)"/g)].map((m) => m[1]);
    // The fixture lists info, breaking, warning, info, breaking in its first release.
    expect(levels).toEqual(['breaking', 'breaking', 'warning', 'info', 'info', 'breaking']);
    expect(html.indexOf('pve-docs 9.1.2')).toBeLessThan(html.indexOf('pve-docs 8.3.2 (2025-04-09)'));
    expect(html).toContain('parameter <code>net[n]</code> key <code>model</code> became required');
  });

  it('renders the changelog that specs/ publishes, every change of it', async () => {
    const published = JSON.parse(await readFile(join(REPO_SPECS, 'pve', 'changelog.json'), 'utf8'));
    const total = published.sections.reduce(
      (n: number, s: { changes: unknown[] }) => n + s.changes.length,
      0,
    );
    const site = await buildSite({
      specsDir: REPO_SPECS,
      apis: await siteApis(REPO_SPECS),
      outDir: join(work, 'published'),
    });
    expect(site.apis.find((a) => a.id === 'pve')?.changes).toBe(true);
    const html = await readFile(join(site.outDir, 'pve/changes.html'), 'utf8');
    expect([...html.matchAll(/<tr data-level=/g)].length).toBe(total);
    expect(html.match(/<section class="release"/g)?.length).toBe(published.sections.length);
    // A breaking change of the 9.1.2 → 2026-08 snapshot pair, as the api-diff stage wrote it.
    const rows = html.split('<tr ').filter((row) => row.startsWith('data-level='));
    expect(
      rows.filter(
        (row) =>
          row.startsWith('data-level="breaking" data-path="/access/vncticket"') &&
          row.includes('parameter <code>port</code> removed'),
      ),
    ).toHaveLength(1);
  });

  it('gives the same bytes for the same inputs', async () => {
    const a = await buildSite({ specsDir, apis: await siteApis(specsDir), outDir: join(work, 'a') });
    const b = await buildSite({ specsDir, apis: await siteApis(specsDir), outDir: join(work, 'b') });
    expect(b.files).toEqual(a.files);
    expect(await hashAll(b.outDir, b.files)).toEqual(await hashAll(a.outDir, a.files));
  });

  it('shows a product it has never heard of when the manifest lists its folder', async () => {
    const specs = join(work, 'specs-plus');
    await cp(specsDir, specs, { recursive: true });
    await cp(join(specs, 'pbs'), join(specs, 'pbs9'), { recursive: true });
    await rename(join(specs, 'pbs9', 'pbs-api.json'), join(specs, 'pbs9', 'pbs9-api.json'));
    await rm(join(specs, 'pbs9', 'pbs-api.yaml'));
    const manifest = JSON.parse(await readFile(join(specs, 'manifest.json'), 'utf8'));
    manifest.apis.pbs9 = { ...manifest.apis.pbs, name: 'Proxmox Backup Server 9' };
    await writeFile(join(specs, 'manifest.json'), JSON.stringify(manifest));
    const site = await buildSite({
      specsDir: specs,
      apis: await siteApis(specs),
      outDir: join(work, 'plus'),
    });
    expect(site.apis.map((a) => a.id)).toEqual([...PRODUCTS, 'pbs9']);
    expect(site.files).toContain('pbs9/index.html');
    expect(site.files).not.toContain('pbs9/pbs9-api.yaml');
    const landing = await readFile(join(site.outDir, 'index.html'), 'utf8');
    expect(landing).toContain('Proxmox Backup Server 9');
    expect(landing).not.toContain('href="pbs9/pbs9-api.yaml"');
  });
});

describe('buildSite on bad input', () => {
  async function expectRefusal(
    prepare: (specs: string) => Promise<unknown>,
    message: RegExp,
    apis: (specs: string) => Promise<SiteApiFacts[]> = siteApis,
  ): Promise<void> {
    const specs = await mkdtemp(join(work, 'bad-'));
    await cp(specsDir, specs, { recursive: true });
    await prepare(specs);
    const outDir = join(work, 'kept');
    await buildSite({ specsDir, apis: await siteApis(specsDir), outDir });
    const before = await readFile(join(outDir, 'index.html'));
    const error = await buildSite({ specsDir: specs, apis: await apis(specs), outDir }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    // The previous site is intact and no staging folder is left behind.
    expect(await readFile(join(outDir, 'index.html'))).toEqual(before);
    expect((await readdir(work)).filter((f) => f.includes('.staging-'))).toEqual([]);
  }

  it('refuses an empty list of APIs, and an id that is not a folder name', async () => {
    await expectRefusal(
      async () => undefined,
      /no APIs to show from/,
      async () => [],
    );
    await expectRefusal(
      async () => undefined,
      /API id "\.\.\/pve" is not a lower-case folder name/,
      async () => [{ id: '../pve' }],
    );
  });

  it('refuses an API whose document is missing', async () => {
    await expectRefusal(
      (s) => rm(join(s, 'pbs', 'pbs-api.json')),
      /pbs is published, but .*pbs-api\.json does not exist/,
    );
  });

  it('refuses a changelog that breaks the contract, naming the file and the field', async () => {
    await expectRefusal(async (s) => {
      const file = join(s, 'pve', 'changelog.json');
      const changelog = JSON.parse(await readFile(file, 'utf8'));
      changelog.sections[0].changes[1].level = 'fatal';
      await writeFile(file, JSON.stringify(changelog));
    }, /changelog\.json: sections\[0\]\.changes\[1\]\.level is "fatal"/);
  });

  it('refuses a document that is not JSON', async () => {
    await expectRefusal(
      (s) => writeFile(join(s, 'pve', 'pve-api.json'), '{"openapi":'),
      /pve-api\.json is not valid JSON/,
    );
  });

  it('refuses to write the site over the specs folder', async () => {
    const error = await buildSite({
      specsDir,
      apis: await siteApis(specsDir),
      outDir: join(specsDir, '..'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(existsSync(join(specsDir, 'manifest.json'))).toBe(true);
  });
});
