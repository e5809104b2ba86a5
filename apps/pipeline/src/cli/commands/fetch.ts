import { resolve } from 'node:path';
import {
  type ApiTree,
  checkOutputTarget,
  countApiTree,
  getApiTarget,
  readApidocFile,
  writeOutputFile,
} from '@proxmox-openapi/core';
import { defineCommand, isUrl } from '../declare-command.js';
import { wholeNumber } from '../whole-number.js';

/** `proxmox-openapi fetch`: one apidoc from a URL or a file to a bare JSON array. */
export const fetchCommand = defineCommand({
  name: 'fetch',
  summary: "download an API viewer's apidoc.js and write its schema as JSON",
  description: `Downloads an API viewer's apidoc.js (or reads a local apidoc.js, .json or .json.gz), checks it
without evaluating it, and writes the schema as a bare JSON array to --out.`,
  options: {
    api: { type: 'string', value: 'API', description: 'pve, pbs, pmg or pdm', required: true },
    source: {
      type: 'string',
      value: 'URL|FILE',
      description:
        "where to read from; default the API's viewer URL (https only, plain http only to loopback hosts)",
      file: 'input',
    },
    out: {
      type: 'string',
      value: 'FILE',
      description: 'the JSON array to write (replaced atomically)',
      required: true,
      file: 'output-file',
    },
    'cache-dir': {
      type: 'string',
      value: 'DIR',
      description: 'keep the last download here; an unchanged file then costs one 304',
      file: 'download-cache',
    },
    retries: {
      type: 'string',
      value: 'N',
      description:
        'further attempts after a network error, 429 or 5xx (default 3; never for a host name that does not exist)',
    },
    'timeout-ms': { type: 'string', value: 'MS', description: 'most time for one attempt (default 60000)' },
    'max-bytes': { type: 'string', value: 'N', description: 'largest body accepted (default 67108864)' },
  },
  engine: 'whole',
  notes: 'Prints one summary line. Exit codes: 0 written, 2 usage error, 3 input or network error.',
  async run({ values }, io) {
    const target = getApiTarget(values.api);
    const file = resolve(io.cwd, values.out);
    // A folder as --out is refused before anything is downloaded.
    await checkOutputTarget(file, { what: '--out' });
    const retries = wholeNumber(values.retries, '--retries', 0);
    const timeoutMs = wholeNumber(values['timeout-ms'], '--timeout-ms', 1);
    const maxBytes = wholeNumber(values['max-bytes'], '--max-bytes', 1);
    // Loaded on use: `--help` and the other commands never need the downloader.
    const { fetchApidoc, formatApidocJson } = await import('@proxmox-openapi/apidoc-fetch');
    const source = values.source;
    let origin: string;
    let read: { tree: ApiTree; sha256: string };
    if (source === undefined || isUrl(source)) {
      const result = await fetchApidoc(target, {
        ...(source !== undefined ? { url: source } : {}),
        ...(retries !== undefined ? { retries } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(maxBytes !== undefined ? { maxBytes } : {}),
        ...(values['cache-dir'] !== undefined ? { cacheDir: resolve(io.cwd, values['cache-dir']) } : {}),
      });
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
    await writeOutputFile(file, formatApidocJson(read.tree), { what: '--out' });
    const counts = countApiTree(read.tree);
    io.stdout.write(
      `${target.id}: ${counts.nodes} nodes, ${counts.paths} paths with methods, ${counts.operations} operations, sha256 ${read.sha256}; ${origin}; wrote ${file}\n`,
    );
    return 0;
  },
});
