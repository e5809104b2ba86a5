import { resolve } from 'node:path';
import { defineCommand, UsageError } from '@proxmox-openapi/core';
import { buildSite } from './build-site.js';

/** `proxmox-openapi site [--specs-dir DIR] [--out-dir DIR]`: the static reference site from `specs/`. */
export const siteCommand = defineCommand({
  name: 'site',
  summary: 'build the static reference site (API pages, changes pages, downloads) from specs/',
  usage: `usage: proxmox-openapi site [--specs-dir DIR] [--out-dir DIR]

Builds a static site from the published documents: index.html with every product of
DIR/manifest.json (snapshot date, figures, JSON and YAML downloads), and per product an API
reference page and, when DIR/<id>/changelog.json exists, a changes page. Every script and style is
copied into the site: it works offline from any static file server.

options:
  --specs-dir DIR   the published specs folder (default: specs)
  --out-dir DIR     where to write the site; replaced only once the new one is complete
                    (default: dist/site)

Exit codes: 0 built, 2 usage error, 3 missing or malformed input.`,
  options: { 'specs-dir': { type: 'string' }, 'out-dir': { type: 'string' } },
  async run({ values }, io) {
    const specsDir = values['specs-dir'] ?? 'specs';
    const outDir = values['out-dir'] ?? 'dist/site';
    if (typeof specsDir !== 'string' || typeof outDir !== 'string')
      throw new UsageError('expected one folder each');
    const site = await buildSite({ specsDir: resolve(io.cwd, specsDir), outDir: resolve(io.cwd, outDir) });
    const apis = site.apis.map((a) => `${a.id}${a.changes ? ' (+changes)' : ''}`).join(', ');
    io.stdout.write(
      `site: ${site.files.length} files in ${site.outDir} (${apis}; renderer ${site.renderer.packageName}@${site.renderer.version})\n`,
    );
    return 0;
  },
});
