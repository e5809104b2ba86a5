import { resolve } from 'node:path';
import { readSiteApis } from '../../publish/site-apis.js';
import { defineCommand } from '../declare-command.js';

/** `proxmox-openapi site`: the static reference site from `specs/`. */
export const siteCommand = defineCommand({
  name: 'site',
  summary: 'build the static reference site (API pages, changes pages, downloads) from specs/',
  description: `Builds a static site from the published documents: index.html with every product of
DIR/manifest.json (snapshot date, figures, JSON and YAML downloads), and per product an API
reference page and, when DIR/<id>/changelog.json exists, a changes page. Every script and style is
copied into the site: it works offline from any static file server.`,
  options: {
    'specs-dir': {
      type: 'string',
      value: 'DIR',
      description: 'the published specs folder (default: specs)',
      default: 'specs',
    },
    'out-dir': {
      type: 'string',
      value: 'DIR',
      description: 'where to write the site; replaced only once the new one is complete (default: dist/site)',
      default: 'dist/site',
    },
  },
  notes: 'Exit codes: 0 built, 2 usage error, 3 missing or malformed input.',
  async run({ values }, io) {
    // Loaded on use: the renderers are not needed by any other command.
    const { buildSite } = await import('@proxmox-openapi/site');
    const specsDir = resolve(io.cwd, values['specs-dir']);
    const site = await buildSite({
      specsDir,
      apis: await readSiteApis(specsDir),
      outDir: resolve(io.cwd, values['out-dir']),
    });
    const apis = site.apis.map((a) => `${a.id}${a.changes ? ' (+changes)' : ''}`).join(', ');
    io.stdout.write(
      `site: ${site.files.length} files in ${site.outDir} (${apis}; renderer ${site.renderer.packageName}@${site.renderer.version})\n`,
    );
    return 0;
  },
});
