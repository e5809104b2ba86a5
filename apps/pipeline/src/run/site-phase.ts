import { join } from 'node:path';
import { readSiteApis } from '../publish/site-apis.js';
import { displayPath } from './fetch-source.js';
import type { RunPhase } from './run-phases.js';

/**
 * With `--site` (on by default with `--publish`): the reference site in `dist/site/`, built from
 * the `specs/` this run has just published, so that the site and the release describe the same
 * documents. It runs after the commit: a failed site build leaves `specs/` published and says so.
 */
export const sitePhase: RunPhase = {
  name: 'site',
  async run({ options, progress, report }) {
    if (!options.site) return;
    // Loaded on use, as the `site` command does: a run without the site never loads the renderers.
    const { buildSite } = await import('@proxmox-openapi/site');
    const built = await buildSite({
      specsDir: options.specsDir,
      apis: await readSiteApis(options.specsDir),
      outDir: join(options.root, 'dist', 'site'),
    });
    report.site = { dir: built.outDir, files: built.files.length };
    progress.essential(`site: ${built.files.length} files in ${displayPath(built.outDir, options.root)}`);
  },
};
