/**
 * The built site in a real browser: Debian's Chromium (or $PROXMOX_OPENAPI_CHROMIUM) through
 * playwright-core, the site served by a plain static server on 127.0.0.1. Every wait is on a
 * condition with a generous limit: the machine may be slow, the test never measures time.
 * Screenshots go to test-output/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { OPENAPI_METHODS } from '@proxmox-openapi/core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser } from './browser/launch-browser.js';
import { type StaticServer, serveStatic } from './browser/static-server.js';
import { buildSite } from './build-site.js';
import { fixtureSpecs, PRODUCTS, REPO_SPECS, siteApis, testOutput } from './test-support/fixture-specs.js';

const WAIT = 180_000;
const PVE_START = {
  id: 'operations-nodes-postNodesByNodeQemuByVmidStatusStart',
  path: '/nodes/{node}/qemu/{vmid}/status/start',
};
const PBS_SNAPSHOTS = {
  id: 'operations-admin-getAdminDatastoreByStoreSnapshots',
  path: '/admin/datastore/{store}/snapshots',
};

let specsDir: string;
let siteDir: string;
let shots: string;
let server: StaticServer;
let browser: LaunchedBrowser;
const problems: string[] = [];

beforeAll(async () => {
  // Launch first: a missing browser fails here, with the message of findChromium.
  browser = await launchBrowser();
  specsDir = await fixtureSpecs();
  siteDir = join(await testOutput(), 'site');
  shots = await testOutput('screenshots');
  await buildSite({ specsDir, apis: await siteApis(specsDir), outDir: siteDir });
  server = await serveStatic(siteDir);
  // The site must work offline: anything not on the loopback server is refused and reported.
  await browser.context.route(
    (url) => url.origin !== server.origin && url.protocol !== 'data:' && url.protocol !== 'blob:',
    async (route) => {
      problems.push(`outside request: ${route.request().url()}`);
      await route.abort();
    },
  );
}, WAIT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (specsDir) await rm(join(specsDir, '..'), { recursive: true, force: true });
});

afterEach(() => {
  // No console errors, no uncaught exceptions, no outside request on any page of the test.
  expect(problems).toEqual([]);
  problems.length = 0;
});

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${path}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught on ${path}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  await page.goto(`${server.origin}/${path}`, { timeout: WAIT });
  return page;
}

/** The path an operation block shows, without the zero-width spaces Swagger UI puts in for line breaks. */
async function pathText(block: Locator): Promise<string | undefined> {
  return (await block.locator('.opblock-summary-path').textContent())?.replace(/[\u200b\s]/g, '');
}

type Operation = { operationId?: string; tags?: string[] };

/** The first operation of a document (in its own order) that has an operationId. */
/** Whether a path item's field is an operation (not `parameters`, `summary`, …). */
const isOperation = (field: string): boolean => (OPENAPI_METHODS as readonly string[]).includes(field);

function firstOperation(document: {
  paths: Record<string, Record<string, Operation>>;
}): [string, string, Operation] {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (isOperation(method) && op.operationId) return [path, method, op];
    }
  }
  throw new Error('the document has no operation with an operationId');
}

/** The operations of a document whose path, summary or operationId contains `phrase`. */
async function operationsMatching(api: string, phrase: string): Promise<string[]> {
  const document = JSON.parse(await readFile(join(specsDir, api, `${api}-api.json`), 'utf8'));
  const found: string[] = [];
  for (const [path, item] of Object.entries<Record<string, { summary?: string; operationId?: string }>>(
    document.paths,
  )) {
    for (const [method, op] of Object.entries(item)) {
      if (!isOperation(method)) continue;
      const text = [path, op.summary ?? '', op.operationId ?? ''].map((t) => t.toLowerCase());
      if (text.some((t) => t.includes(phrase))) found.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return found.sort();
}

describe('the reference pages', { timeout: 4 * WAIT }, () => {
  it('PVE: the start call is rendered and opens from its link', async () => {
    const page = await open(`pve/index.html#/nodes/postNodesByNodeQemuByVmidStatusStart`);
    const block = page.locator(`#${PVE_START.id}`);
    await block.waitFor({ state: 'visible', timeout: WAIT });
    expect(await pathText(block)).toBe(PVE_START.path);
    expect(await block.locator('.opblock-summary-method').textContent()).toBe('POST');
    // The deep link opened it: its body (parameters, responses) is shown.
    await block.locator('.opblock-body').waitFor({ state: 'visible', timeout: WAIT });
    await page.screenshot({ path: join(shots, 'pve-start.png') });
    await page.close();
  });

  it('PVE: the search box finds status/start by path', async () => {
    const page = await open('pve/index.html');
    await page.locator('input.operation-filter-input').waitFor({ state: 'visible', timeout: WAIT });
    const expected = await operationsMatching('pve', 'status/start');
    expect(expected).toContain(`POST ${PVE_START.path}`);
    await page.locator('input.operation-filter-input').fill('status/start');
    await page.waitForFunction(
      (count) => document.querySelectorAll('.opblock').length === count,
      expected.length,
      { timeout: WAIT, polling: 200 },
    );
    const shown = await page.$$eval('.opblock', (blocks) =>
      blocks.map(
        (b) =>
          `${b.querySelector('.opblock-summary-method')?.textContent} ${b.querySelector('.opblock-summary-path')?.textContent?.replace(/[\u200b\s]/g, '')}`,
      ),
    );
    expect(shown.sort()).toEqual(expected);
    await page.locator(`#${PVE_START.id}`).waitFor({ state: 'visible', timeout: WAIT });
    await page.screenshot({ path: join(shots, 'pve-search.png'), fullPage: true });
    await page.close();
  });

  // Every other product (PMG, PDM, PVE 8, and whatever the manifest adds): its first operation
  // that has an operationId, opened through its link.
  it.each(PRODUCTS.filter((id) => id !== 'pve' && id !== 'pbs'))(
    '%s: its first operation is rendered',
    async (id) => {
      const document = JSON.parse(readFileSync(join(REPO_SPECS, id, `${id}-api.json`), 'utf8'));
      const [path, method, op] = firstOperation(document);
      const tag = op.tags?.[0] ?? 'default';
      const page = await open(`${id}/index.html#/${tag}/${op.operationId}`);
      const block = page.locator(`#operations-${tag}-${op.operationId}`);
      await block.waitFor({ state: 'visible', timeout: WAIT });
      expect(await pathText(block)).toBe(path);
      expect(await block.locator('.opblock-summary-method').textContent()).toBe(method.toUpperCase());
      await page.screenshot({ path: join(shots, `${id}.png`) });
      await page.close();
    },
  );

  it('PBS: a known operation is rendered', async () => {
    // Swagger UI renders operations as they scroll into view: open this one through its link.
    const page = await open('pbs/index.html#/admin/getAdminDatastoreByStoreSnapshots');
    const block = page.locator(`#${PBS_SNAPSHOTS.id}`);
    await block.waitFor({ state: 'visible', timeout: WAIT });
    expect(await pathText(block)).toBe(PBS_SNAPSHOTS.path);
    await page.screenshot({ path: join(shots, 'pbs.png') });
    await page.close();
  });
});

describe('the site pages', { timeout: 4 * WAIT }, () => {
  it('the landing page lists every product with its links', async () => {
    const page = await open('index.html');
    const products = await page.$$eval('section.product', (s) => s.map((e) => e.id));
    expect(products).toEqual(PRODUCTS);
    await page.screenshot({ path: join(shots, 'landing.png'), fullPage: true });
    await page.locator('#pve a', { hasText: 'what changed' }).click();
    await page.waitForURL(/pve\/changes\.html/, { timeout: WAIT });
    await page.close();
  });

  it('the changes page shows breaking changes first and filters by level and path', async () => {
    const page = await open('pve/changes.html');
    const rows = page.locator('#release-0 tr[data-level]');
    await rows.first().waitFor({ state: 'visible', timeout: WAIT });
    expect(await rows.first().getAttribute('data-level')).toBe('breaking');
    const known = page.locator('tr[data-level="breaking"]', { hasText: 'key model became required' });
    expect(await known.count()).toBe(1);
    expect(await known.textContent()).toContain('/nodes/{node}/qemu');
    await page.screenshot({ path: join(shots, 'pve-changes.png'), fullPage: true });

    // Only warnings and info: no breaking row is left visible.
    await page.locator('input[name=level][value=breaking]').uncheck();
    await known.waitFor({ state: 'hidden', timeout: WAIT });
    expect(await page.locator('tr[data-level="breaking"]:visible').count()).toBe(0);
    expect(await page.locator('tr[data-level="warning"]:visible').count()).toBe(1);

    // By path, all levels again; the older release has no match and is hidden.
    await page.locator('input[name=level][value=breaking]').check();
    await page.locator('input[name=path]').fill('/cluster/acme');
    await page.waitForFunction(
      () => document.querySelectorAll('tr[data-level]:not([hidden])').length === 1,
      null,
      {
        timeout: WAIT,
      },
    );
    expect(await page.locator('tr[data-level]:visible').textContent()).toContain('hetznercloud');
    expect(await page.locator('#release-1').isHidden()).toBe(true);

    // The filter lives in the fragment, so a filtered view can be linked.
    const linked = await open(`pve/changes.html#level=breaking&path=ceph`);
    await linked.locator('#release-1 tr[data-level]').waitFor({ state: 'visible', timeout: WAIT });
    expect(await linked.locator('tr[data-level]:visible').count()).toBe(1);
    expect(await linked.locator('#release-0').isHidden()).toBe(true);
    await linked.close();
    await page.close();
  });
});
