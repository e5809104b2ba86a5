import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@proxmox-openapi/core';
import { type SpecStats, STATS_END, STATS_START } from '@proxmox-openapi/readme-stats';
import { defineCommand } from '../declare-command.js';

/** `proxmox-openapi stats SPEC...`: per-API READMEs beside each SPEC, and the root table. */
export const statsCommand = defineCommand({
  name: 'stats',
  summary: 'write the statistics of documents into their READMEs (between markers)',
  description: `For each SPEC (such as specs/pve/pve-api.json) counts paths, operations by method and by
group, parameters and schemas, reads the sizes of the JSON and its YAML twin and the source
from apidoc.meta.json beside it, and writes them into README.md beside SPEC, between
${STATS_START} and ${STATS_END}
(a README that does not exist yet is created with the markers).`,
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
    const { computeStats, newApiReadme, readSpecFiles, thousands, updateReadmeFile } = await import(
      '@proxmox-openapi/readme-stats'
    );
    const all: SpecStats[] = [];
    for (const spec of positionals) {
      const files = await readSpecFiles(spec);
      const stats = computeStats(files.document, files.meta);
      all.push(stats);
      const readme = join(dirname(files.jsonPath), 'README.md');
      const created = !existsSync(readme);
      if (created) await writeFileAtomic(readme, newApiReadme(stats.api, stats.title));
      const changed = await updateReadmeFile(readme, stats);
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
