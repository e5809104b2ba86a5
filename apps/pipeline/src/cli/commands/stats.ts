import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  getApiTarget,
  InputError,
  isApiId,
  readSnapshotMeta,
  SPECS_LAYOUT,
  snapshotSourceDate,
  writeFileAtomic,
} from '@proxmox-openapi/core';
import { type KnownSource, type SpecStats, STATS_END, STATS_START } from '@proxmox-openapi/readme-stats';
import { readManifest } from '../../publish/manifest.js';
import { defineCommand } from '../declare-command.js';

/**
 * What the published folder around SPEC says about its source: the manifest of `specs/`
 * (generator and source of each API), then the snapshot's metadata beside SPEC, which wins for
 * the source. The source date is the source's Last-Modified when known, else the snapshot's
 * fetch time: never the time of this run.
 */
async function knownSource(spec: string, api: string): Promise<KnownSource> {
  const known: KnownSource = {};
  const specsDir = dirname(dirname(spec));
  const manifest = await readManifest(specsDir);
  if (manifest.state === 'damaged') {
    throw new InputError(`${join(specsDir, SPECS_LAYOUT.manifest)} is damaged: ${manifest.problem}`);
  }
  const entry = manifest.state === 'ok' ? manifest.manifest.apis[api] : undefined;
  if (entry) {
    known.generatorVersion = entry.generator;
    known.sourceUrl = entry.source.url;
    known.sourceSha256 = entry.source.sha256;
    known.sourceDate = entry.source.fetchedAt;
  }
  const meta = await readSnapshotMeta(dirname(spec));
  if (meta) {
    known.sourceUrl = meta.url;
    known.sourceSha256 = meta.sha256;
    known.sourceDate = snapshotSourceDate(meta);
  }
  return known;
}

/** `proxmox-openapi stats SPEC...`: per-API READMEs beside each SPEC, and the root table. */
export const statsCommand = defineCommand({
  name: 'stats',
  summary: 'write the statistics of documents into their READMEs (between markers)',
  description: `For each SPEC (such as specs/pve/pve-api.json) counts paths, operations by method and by
group, parameters and schemas, reads the sizes of the JSON and its YAML twin, the source from
apidoc.meta.json beside it and the generator from the manifest.json above it, and writes them
into README.md beside SPEC, between
${STATS_START} and ${STATS_END}
(a README that does not exist yet is written whole, as the pipeline writes it).`,
  positionals: { name: 'SPEC', min: 1, description: 'a published document (specs/<api>/<api>-api.json)' },
  options: {
    readme: {
      type: 'string',
      value: 'FILE',
      description: 'also update the table in FILE (the root README), one row per API',
    },
  },
  notes: `A README that exists without the marker pair is an error (exit 3); nothing is appended.
Files whose statistics did not change are not rewritten.`,
  async run({ values, positionals }, io) {
    // Loaded on use: the other commands never need the statistics package.
    const { apiReadme, computeStats, readSpecFiles, specApi, thousands, updateReadmeFile } = await import(
      '@proxmox-openapi/readme-stats'
    );
    const all: SpecStats[] = [];
    for (const spec of positionals) {
      const files = await readSpecFiles(spec, await knownSource(spec, specApi(spec)));
      const stats = computeStats(files.document, files.meta);
      all.push(stats);
      const readme = join(dirname(files.jsonPath), SPECS_LAYOUT.readme);
      const created = !existsSync(readme);
      if (created)
        await writeFileAtomic(
          readme,
          apiReadme(stats, isApiId(stats.api) ? getApiTarget(stats.api) : undefined),
        );
      const changed = !created && (await updateReadmeFile(readme, stats));
      const methods = Object.entries(stats.operationsByMethod)
        .map(([m, n]) => `${m} ${n}`)
        .join(', ');
      io.stdout.write(
        `${stats.api}: ${thousands(stats.paths)} paths, ${thousands(stats.operations)} operations (${methods}); ${readme} ${created ? 'created' : changed ? 'updated' : 'unchanged'}\n`,
      );
    }
    if (values.readme !== undefined) {
      const changed = await updateReadmeFile(values.readme, all);
      io.stdout.write(`${values.readme} ${changed ? 'updated' : 'unchanged'}\n`);
    }
    return 0;
  },
});
