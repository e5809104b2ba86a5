import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  defineCommand,
  getApiTarget,
  InputError,
  isApiId,
  PipelineError,
  readInputFile,
  UsageError,
  writeFileAtomic,
} from '@proxmox-openapi/core';
import { computeStats } from './compute-stats.js';
import { STATS_END, STATS_START } from './markers.js';
import { thousands } from './render.js';
import { readSpecFiles } from './spec-files.js';
import type { SpecStats } from './types.js';
import { updateReadme } from './update-readme.js';

/** A new `specs/<api>/README.md`: a heading, a sentence, and the markers the numbers go between. */
function newApiReadme(stats: SpecStats): string {
  const name = isApiId(stats.api) ? getApiTarget(stats.api).name : stats.title || stats.api;
  return `# ${name}: OpenAPI document

\`${stats.api}-api.json\` and \`${stats.api}-api.yaml\` describe the ${name} API, generated from
the schema its API viewer publishes (\`apidoc.json\` is the snapshot they were made from).
The numbers below are written by \`proxmox-openapi stats\`.

${STATS_START}
${STATS_END}
`;
}

// A README is a few kilobytes; the limit only stops a device or a runaway file.
const MAX_README_BYTES = 16 * 1024 * 1024;

/** Applies `update` to a README file; writes only when the text changed. Returns whether it did. */
async function rewrite(file: string, update: (text: string) => string): Promise<boolean> {
  const text = (await readInputFile(file, { what: 'the README', maxBytes: MAX_README_BYTES })).toString(
    'utf8',
  );
  let next: string;
  try {
    next = update(text);
  } catch (error) {
    if (error instanceof PipelineError) throw new InputError(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
  if (next === text) return false;
  await writeFileAtomic(file, next);
  return true;
}

/** `proxmox-openapi stats SPEC... [--readme FILE]`: per-API READMEs beside each SPEC, and the root table. */
export const statsCommand = defineCommand({
  name: 'stats',
  summary: 'write the statistics of documents into their READMEs (between markers)',
  usage: `usage: proxmox-openapi stats SPEC... [--readme FILE]

For each SPEC (such as specs/pve/pve-api.json) counts paths, operations by method and by
group, parameters and schemas, reads the sizes of the JSON and its YAML twin and the source
from apidoc.meta.json beside it, and writes them into README.md beside SPEC, between
${STATS_START} and ${STATS_END}
(a README that does not exist yet is created with the markers).

options:
  --readme FILE   also update the table in FILE (the root README), one row per API

A README that exists without the marker pair is an error (exit 3); nothing is appended.
Files whose statistics did not change are not rewritten.`,
  options: { readme: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length === 0) {
      throw new UsageError("expected at least one SPEC (see 'proxmox-openapi stats --help')");
    }
    const all: SpecStats[] = [];
    for (const spec of positionals) {
      const files = await readSpecFiles(spec);
      const stats = computeStats(files.document, files.meta);
      all.push(stats);
      const readme = join(dirname(files.jsonPath), 'README.md');
      const created = !existsSync(readme);
      if (created) await writeFileAtomic(readme, newApiReadme(stats));
      const changed = await rewrite(readme, (text) => updateReadme(text, stats));
      const methods = Object.entries(stats.operationsByMethod)
        .map(([m, n]) => `${m} ${n}`)
        .join(', ');
      io.stdout.write(
        `${stats.api}: ${thousands(stats.paths)} paths, ${thousands(stats.operations)} operations (${methods}); ${readme} ${created ? 'created' : changed ? 'updated' : 'unchanged'}\n`,
      );
    }
    if (typeof values.readme === 'string') {
      const changed = await rewrite(values.readme, (text) => updateReadme(text, all));
      io.stdout.write(`${values.readme} ${changed ? 'updated' : 'unchanged'}\n`);
    }
    return 0;
  },
});
