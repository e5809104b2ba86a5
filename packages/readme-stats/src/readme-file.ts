import {
  getApiTarget,
  InputError,
  isApiId,
  PipelineError,
  readInputFile,
  writeFileAtomic,
} from '@proxmox-openapi/core';
import { STATS_END, STATS_START } from './markers.js';
import type { SpecStats } from './types.js';
import { updateReadme } from './update-readme.js';

/**
 * A new `specs/<api>/README.md`: a heading, what the files are, and the markers the numbers go
 * between. The one template for every writer of a published folder. An API that is not in
 * the target registry is named by `title` (the document's `info.title`) when given.
 */
export function newApiReadme(api: string, title?: string): string {
  const intro = isApiId(api)
    ? (() => {
        const target = getApiTarget(api);
        return `# ${target.name} API: OpenAPI documents

\`${target.outputs.json}\` and \`${target.outputs.yaml}\` describe the ${target.name} API (served
under \`${target.basePath}\` on port ${target.defaultPort}).`;
      })()
    : `# ${title || api} API: OpenAPI documents

\`${api}-api.json\` and \`${api}-api.yaml\` describe the ${title || api} API.`;
  return `${intro} \`apidoc.json\` is the API viewer schema
they were generated from; \`apidoc.meta.json\` says where and when it was fetched. The pipeline
rewrites the part between the markers on every run.

${STATS_START}
${STATS_END}
`;
}

// A README is a few kilobytes; the limit only stops a device or a runaway file.
const MAX_README_BYTES = 16 * 1024 * 1024;

/**
 * Writes statistics into a README file between its markers (one `SpecStats`: the per-API
 * section; an array: the root table). The file is written only when its text changed.
 * @returns whether it changed.
 * @throws InputError naming the file when it cannot be read or has no marker pair.
 */
export async function updateReadmeFile(file: string, stats: SpecStats | SpecStats[]): Promise<boolean> {
  const text = (await readInputFile(file, { what: 'the README', maxBytes: MAX_README_BYTES })).toString(
    'utf8',
  );
  let next: string;
  try {
    next = updateReadme(text, stats);
  } catch (error) {
    if (error instanceof PipelineError) throw new InputError(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
  if (next === text) return false;
  await writeFileAtomic(file, next);
  return true;
}
