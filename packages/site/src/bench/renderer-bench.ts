/**
 * `pnpm --filter @proxmox-openapi/site bench [-- --runs N --specs-dir DIR --only id,id]`
 *
 * Builds one page per candidate renderer and OpenAPI version (the published 3.0 document and a
 * 3.1 twin generated from the same snapshot) for PVE, serves them on 127.0.0.1, and measures
 * each in headless Chromium: time until `POST /nodes/{node}/qemu/{vmid}/status/start` is on
 * screen (opened through the renderer's own link to that operation), the JS heap then, and the
 * bytes received. Runs are interleaved so that load from other processes spreads over every
 * candidate; the table shows medians and the range. The numbers depend on the machine: read them
 * side by side, never as absolutes.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { apiDocumentFileName, getApiTarget, readApidocFile, SPECS_LAYOUT } from '@proxmox-openapi/core';
import { generateSpec, serializeSpec } from '@proxmox-openapi/spec-generate';
import { launchBrowser } from '../browser/launch-browser.js';
import { serveStatic } from '../browser/static-server.js';
import { RENDERERS } from '../renderers/index.js';
import { fetchPackage } from './fetch-package.js';
import { measurePage, type PageMeasurement } from './measure-page.js';
import { median } from './median.js';

const OPERATION = {
  method: 'post',
  path: '/nodes/{node}/qemu/{vmid}/status/start',
  operationId: 'postNodesByNodeQemuByVmidStatusStart',
  tag: 'nodes',
};
const VERSIONS = ['3.0', '3.1'] as const;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'specs-dir': { type: 'string', default: '../../specs' },
    only: { type: 'string' },
    timeout: { type: 'string', default: '240' },
  },
});
const runs = Number(values.runs);
const specsDir = resolve(values['specs-dir']);
const only = values.only?.split(',');
const candidates = RENDERERS.filter((r) => !only || only.includes(r.id));
const work = resolve('.cache/renderer-bench');
const root = join(work, 'site');

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function buildPages(): Promise<void> {
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await copyFile(join(specsDir, 'pve', apiDocumentFileName('pve', 'json')), join(root, 'pve-3.0.json'));
  const { tree } = await readApidocFile(join(specsDir, 'pve', SPECS_LAYOUT.snapshot));
  const document31 = generateSpec(tree, { target: getApiTarget('pve'), openapi: '3.1' });
  await writeFile(join(root, 'pve-3.1.json'), serializeSpec(document31).json);
  for (const renderer of candidates) {
    const source = await fetchPackage(renderer.packageName, renderer.version, join(work, 'packages'));
    const assets = join(root, 'assets', renderer.id);
    await mkdir(assets, { recursive: true });
    for (const asset of renderer.assets) await copyFile(join(source, asset.from), join(assets, asset.to));
    for (const version of VERSIONS) {
      const html = renderer.page({
        title: `PVE ${version} (${renderer.name})`,
        documentUrl: `pve-${version}.json`,
        assetsUrl: `assets/${renderer.id}/`,
      });
      await writeFile(join(root, `${renderer.id}-${version}.html`), html);
    }
  }
}

async function main(): Promise<void> {
  process.stdout.write(
    `load average before: ${load()} (2 cores shared with other work: compare rows, not runs)\n`,
  );
  await buildPages();
  const server = await serveStatic(root);
  const results = new Map<string, PageMeasurement[]>();
  const failures = new Map<string, string[]>();
  try {
    for (let run = 1; run <= runs; run++) {
      for (const renderer of candidates) {
        for (const version of VERSIONS) {
          const key = `${renderer.id} ${version}`;
          const url = `${server.origin}/${renderer.id}-${version}.html${renderer.operationHash(OPERATION)}`;
          const browser = await launchBrowser();
          try {
            const m = await measurePage(browser.context, url, OPERATION.path, Number(values.timeout) * 1000);
            results.set(key, [...(results.get(key) ?? []), m]);
            process.stderr.write(`run ${run} ${key}: ${seconds(m.visibleMs)}, heap ${mib(m.heapBytes)}\n`);
          } catch (error) {
            const line = error instanceof Error ? error.message.split('\n')[0] : String(error);
            failures.set(key, [...(failures.get(key) ?? []), line ?? '']);
            process.stderr.write(`run ${run} ${key}: FAILED ${line}\n`);
          } finally {
            await browser.close();
          }
        }
      }
    }
  } finally {
    await server.close();
  }
  const rows = [
    '| renderer | OpenAPI | visible (median, min–max) | JS heap (median) | page weight | requests | outside requests | failed runs |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const renderer of candidates) {
    for (const version of VERSIONS) {
      const key = `${renderer.id} ${version}`;
      const ms = results.get(key) ?? [];
      const failed = failures.get(key)?.length ?? 0;
      if (ms.length === 0) {
        rows.push(
          `| ${renderer.name} ${renderer.version} | ${version} | never | | | | | ${failed}/${runs} |`,
        );
        continue;
      }
      const times = ms.map((m) => m.visibleMs);
      rows.push(
        `| ${renderer.name} ${renderer.version} | ${version} | ${seconds(median(times))} (${seconds(Math.min(...times))}–${seconds(Math.max(...times))}) | ${mib(median(ms.map((m) => m.heapBytes)))} | ${mib(median(ms.map((m) => m.transferBytes)))} | ${median(ms.map((m) => m.requests))} | ${new Set(ms.flatMap((m) => m.outsideRequests)).size} | ${failed}/${runs} |`,
      );
    }
  }
  process.stdout.write(`${rows.join('\n')}\n`);
  process.stdout.write(
    `load average after: ${load()}; ${runs} runs per row, Chromium cold (new profile, cache off) each run\n`,
  );
  for (const [key, lines] of failures)
    process.stdout.write(`${key} failed: ${[...new Set(lines)].join('; ')}\n`);
  const outside = [...results.values()].flat().flatMap((m) => m.outsideRequests);
  for (const url of new Set(outside)) process.stdout.write(`blocked outside request: ${url}\n`);
}

await main();
