import { resolve } from 'node:path';
import {
  type ApiTree,
  countApiTree,
  defineCommand,
  getApiTarget,
  readApidocFile,
  UsageError,
  writeFileAtomic,
} from '@proxmox-openapi/core';
import { type FetchOptions, fetchApidoc } from './fetch-apidoc.js';
import { formatApidocJson } from './snapshot.js';

const USAGE = `usage: proxmox-openapi fetch --api API [--source URL|FILE] --out FILE [options]

Downloads an API viewer's apidoc.js (or reads a local apidoc.js, .json or .json.gz), checks it
without evaluating it, and writes the schema as a bare JSON array to --out.

  --api API           pve, pbs, pmg or pdm
  --source URL|FILE   where to read from; default the API's viewer URL (https only,
                      plain http only to loopback hosts)
  --out FILE          the JSON array to write (replaced atomically)
  --cache-dir DIR     keep the last download here; an unchanged file then costs one 304
  --retries N         further attempts after a network error, 429 or 5xx (default 3)
  --timeout-ms MS     most time for one attempt (default 60000)
  --max-bytes N       largest body accepted (default 67108864)
  --verbose           print the stack of an error

Prints one summary line. Exit codes: 0 written, 2 usage error, 3 input or network error.`;

function integer(value: unknown, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < min) {
    throw new UsageError(`${flag} needs a whole number of at least ${min}, not ${JSON.stringify(value)}`);
  }
  return n;
}

/** `proxmox-openapi fetch`: one apidoc from a URL or a file to a bare JSON array. */
export const fetchCommand = defineCommand({
  name: 'fetch',
  summary: "download an API viewer's apidoc.js and write its schema as JSON",
  usage: USAGE,
  options: {
    api: { type: 'string' },
    source: { type: 'string' },
    out: { type: 'string' },
    'cache-dir': { type: 'string' },
    retries: { type: 'string' },
    'timeout-ms': { type: 'string' },
    'max-bytes': { type: 'string' },
  },
  async run({ values }, io) {
    const { api, out } = values;
    const source = typeof values.source === 'string' ? values.source : undefined;
    if (typeof api !== 'string') throw new UsageError('--api is required (pve, pbs, pmg or pdm)');
    if (typeof out !== 'string') throw new UsageError('--out FILE is required');
    const target = getApiTarget(api);
    const options: FetchOptions = {};
    const retries = integer(values.retries, '--retries', 0);
    const timeoutMs = integer(values['timeout-ms'], '--timeout-ms', 1);
    const maxBytes = integer(values['max-bytes'], '--max-bytes', 1);
    if (retries !== undefined) options.retries = retries;
    if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
    if (maxBytes !== undefined) options.maxBytes = maxBytes;
    if (typeof values['cache-dir'] === 'string') options.cacheDir = resolve(io.cwd, values['cache-dir']);

    let origin: string;
    let read: { tree: ApiTree; sha256: string };
    if (source === undefined || /^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
      if (source !== undefined) options.url = source;
      const result = await fetchApidoc(target, options);
      const attempts = result.attempts > 1 ? ` after ${result.attempts} attempts` : '';
      origin = result.notModified
        ? `not modified at ${result.url}: served from the cache${attempts}`
        : `downloaded from ${result.url}${attempts}`;
      read = result;
    } else {
      const file = resolve(io.cwd, source);
      read = await readApidocFile(file);
      origin = `read from ${file}`;
    }
    const file = resolve(io.cwd, out);
    await writeFileAtomic(file, formatApidocJson(read.tree));
    const counts = countApiTree(read.tree);
    io.stdout.write(
      `${target.id}: ${counts.nodes} nodes, ${counts.paths} paths with methods, ${counts.operations} operations, sha256 ${read.sha256}; ${origin}; wrote ${file}\n`,
    );
    return 0;
  },
});
