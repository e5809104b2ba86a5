import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { describeError, InputError } from '@proxmox-openapi/core';
import { changesPage } from './pages/changes-page.js';
import { CHANGES_SCRIPT } from './pages/changes-script.js';
import { landingPage } from './pages/landing-page.js';
import { referencePage } from './pages/reference-page.js';
import { SITE_CSS } from './pages/site-css.js';
import { type PublishedApi, readPublishedApis, type SiteApiFacts } from './published-api.js';
import type { Renderer } from './renderers/renderer.js';
import { SITE_RENDERER } from './site-renderer.js';

/** Where the site comes from and where it goes. */
export interface BuildSiteOptions {
  /** The published `specs/` folder: its documents and changelogs are read. */
  specsDir: string;
  /** The APIs to show, with what the caller knows about each (name, source, figures). */
  apis: readonly SiteApiFacts[];
  /** The folder to write the site into; replaced as a whole once the new site is complete. */
  outDir: string;
  /** The reference renderer; the one the bench chose unless a caller wants another. */
  renderer?: Renderer;
  /** The installed npm package folder of the renderer; found through Node's resolution when omitted. */
  rendererPackageDir?: string;
}

/** What `buildSite` wrote. */
export interface BuiltSite {
  outDir: string;
  /** Every file of the site, relative to `outDir`, with `/` separators, sorted. */
  files: string[];
  /** The products on the site, in the order of the landing page. */
  apis: { id: string; name: string; snapshotDate: string | undefined; changes: boolean }[];
  renderer: { id: string; packageName: string; version: string };
}

function findPackageDir(renderer: Renderer): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve(`${renderer.packageName}/package.json`));
  } catch (error) {
    throw new InputError(
      `the renderer package ${renderer.packageName} is not installed (${describeError(error)}); run pnpm install`,
    );
  }
}

async function listFiles(root: string, folder = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(root, path)));
    else out.push(relative(root, path).split(sep).join('/'));
  }
  return out.sort();
}

async function writeApi(stage: string, api: PublishedApi, renderer: Renderer): Promise<void> {
  const folder = join(stage, api.id);
  await mkdir(folder, { recursive: true });
  await copyFile(api.jsonFile, join(folder, basename(api.jsonFile)));
  if (api.yamlFile) await copyFile(api.yamlFile, join(folder, basename(api.yamlFile)));
  await writeFile(join(folder, 'index.html'), referencePage(api, renderer));
  if (api.changelog) await writeFile(join(folder, 'changes.html'), changesPage(api));
}

/**
 * Builds the static site from what `specs/` publishes for `options.apis`: `index.html` (the products, their snapshot
 * dates and figures, download links), and per product `<id>/index.html` (the API reference in
 * the chosen renderer), `<id>/changes.html` (when `specs/<id>/changelog.json` exists) and the
 * JSON and YAML documents. Every script and style is copied into `assets/`: the site needs no
 * network and works from any static file server, at any sub-path. The same inputs give the same
 * bytes. The site is built in a sibling folder and swapped in at the end, so a failure leaves
 * the previous `outDir` as it was.
 * @throws InputError when `specs/` is missing, incomplete or malformed (the message names the file).
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuiltSite> {
  const renderer = options.renderer ?? SITE_RENDERER;
  const outDir = resolve(options.outDir);
  const specsDir = resolve(options.specsDir);
  if (specsDir === outDir || specsDir.startsWith(outDir + sep)) {
    throw new InputError(`the site folder ${outDir} would replace the specs folder ${specsDir}`);
  }
  const apis = await readPublishedApis(specsDir, options.apis);
  const packageDir = options.rendererPackageDir ?? findPackageDir(renderer);
  const stage = `${outDir}.staging-${randomBytes(4).toString('hex')}`;
  await mkdir(stage, { recursive: true });
  try {
    const assets = join(stage, 'assets');
    await mkdir(join(assets, renderer.id), { recursive: true });
    for (const asset of renderer.assets) {
      try {
        await copyFile(join(packageDir, asset.from), join(assets, renderer.id, asset.to));
      } catch (error) {
        throw new InputError(
          `cannot copy ${asset.from} of ${renderer.packageName} from ${packageDir}: ${describeError(error)}`,
        );
      }
    }
    await writeFile(join(assets, 'site.css'), SITE_CSS);
    await writeFile(join(assets, 'changes.js'), CHANGES_SCRIPT);
    // GitHub Pages would otherwise run Jekyll, which drops files and folders starting with "_".
    await writeFile(join(stage, '.nojekyll'), '');
    await writeFile(join(stage, 'index.html'), landingPage(apis));
    for (const api of apis) await writeApi(stage, api, renderer);
    await rm(outDir, { recursive: true, force: true });
    await mkdir(dirname(outDir), { recursive: true });
    await rename(stage, outDir);
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    throw error;
  }
  return {
    outDir,
    files: await listFiles(outDir),
    apis: apis.map((a) => ({
      id: a.id,
      name: a.name,
      snapshotDate: a.snapshotDate,
      changes: a.changelog !== undefined,
    })),
    renderer: { id: renderer.id, packageName: renderer.packageName, version: renderer.version },
  };
}
