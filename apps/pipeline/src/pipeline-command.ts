import { resolve } from 'node:path';
import {
  API_TARGETS,
  type ApiId,
  defineCommand,
  isApiId,
  parseApiSelection,
  UsageError,
} from '@proxmox-openapi/core';
import { parseEngineName } from './engine-option.js';
import { type PipelineOptions, runPipeline } from './run-pipeline.js';
import { findWorkspaceRoot } from './workspace-root.js';

const API_IDS = API_TARGETS.map((t) => t.id).join(', ');

const USAGE = `usage: proxmox-openapi pipeline [--api all|both|ID[,ID...]] [--source API=URL|FILE]... [--offline]
                                [--strict-fetch] [--engine local|dagger] [--publish] [--specs-dir DIR]
                                [--report FILE] [--no-cache]

Fetches, generates, validates and publishes the OpenAPI documents of the Proxmox APIs side by side.
Everything is staged first; specs/ changes only when every API passed, in one step.

  --api APIS          all (default: every registered API), both (pve and pbs), one id or a comma
                      list such as pve,pmg; ids: ${API_IDS}
  --source API=SRC    take API's apidoc from a URL or a file (apidoc.js, .json, .json.gz)
  --offline           never touch the network: use the committed snapshots specs/<api>/apidoc.json
  --strict-fetch      fail when the live fetch fails instead of falling back to the snapshot
  --engine ENGINE     local (default: in this process) or dagger (containers)
  --publish           also build dist/release/: specs archive, SHA256SUMS, release notes
  --specs-dir DIR     where the documents are published (default specs/ at the repository root)
  --report FILE       write the whole run as JSON
  --no-cache          run every stage, read and write no cache entry
  --openapi VERSION   3.0 (default) or 3.1
  --cache-dir DIR     the stage cache (default .cache/pipeline at the repository root)
  --lock-timeout S    how long to wait for another run on the same specs (default 600; 0 refuses)

By default a failed live fetch falls back to the committed snapshot with a loud warning.
Progress lines appear on a terminal (or with PROXMOX_OPENAPI_PROGRESS=1); NO_COLOR is honoured;
with GITHUB_STEP_SUMMARY set a Markdown summary is appended there.
Exit codes: 0 published, 1 validation errors, 2 usage error, 3 input or network error.
`;

function parseSources(values: string[]): Record<ApiId, string> {
  const sources: Record<ApiId, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    const api = value.slice(0, at);
    if (at <= 0 || !isApiId(api) || at === value.length - 1) {
      throw new UsageError(`--source ${value}: expected API=URL or API=FILE, such as pbs=./apidoc.js`);
    }
    if (sources[api] !== undefined) throw new UsageError(`--source ${api}= is given twice`);
    sources[api] = value.slice(at + 1);
  }
  return sources;
}

function parseNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} ${value}: expected a number of seconds`);
  return n;
}

/** `proxmox-openapi pipeline`: the whole chain for the selected APIs (see DESIGN.md's command-line contract). */
export const pipelineCommand = defineCommand({
  name: 'pipeline',
  summary: 'fetch, generate, validate and publish every Proxmox API side by side (cached, atomic)',
  usage: USAGE,
  options: {
    api: { type: 'string' },
    source: { type: 'string', multiple: true },
    offline: { type: 'boolean' },
    'strict-fetch': { type: 'boolean' },
    engine: { type: 'string' },
    publish: { type: 'boolean' },
    'specs-dir': { type: 'string' },
    report: { type: 'string' },
    'no-cache': { type: 'boolean' },
    openapi: { type: 'string' },
    'cache-dir': { type: 'string' },
    'lock-timeout': { type: 'string' },
  },
  async run({ values }, io) {
    const engine = parseEngineName((values.engine as string | undefined) ?? 'local');
    const openapi = (values.openapi as string | undefined) ?? '3.0';
    if (openapi !== '3.0' && openapi !== '3.1')
      throw new UsageError(`--openapi ${openapi}: expected 3.0 or 3.1`);
    const apis = parseApiSelection((values.api as string | undefined) ?? 'all');
    const sources = parseSources((values.source as string[] | undefined) ?? []);
    for (const api of Object.keys(sources)) {
      if (!apis.includes(api as ApiId))
        throw new UsageError(`--source ${api}=…: ${api} is not built in this run (--api)`);
    }
    const offline = values.offline === true;
    const strictFetch = values['strict-fetch'] === true;
    if (offline && strictFetch)
      throw new UsageError('--offline and --strict-fetch contradict each other: pick one');
    if (offline) {
      for (const [api, source] of Object.entries(sources)) {
        if (/^https?:\/\//i.test(source))
          throw new UsageError(`--source ${api}=${source} is a URL but --offline forbids the network`);
      }
    }
    const root = findWorkspaceRoot(io.cwd);
    const at = (path: string): string => resolve(io.cwd, path);
    const options: PipelineOptions = {
      root,
      apis,
      sources: Object.fromEntries(
        Object.entries(sources).map(([api, s]) => [api, /^https?:\/\//i.test(s) ? s : at(s)]),
      ) as PipelineOptions['sources'],
      offline,
      strictFetch,
      engine,
      publish: values.publish === true,
      specsDir: values['specs-dir'] ? at(values['specs-dir'] as string) : resolve(root, 'specs'),
      cache: values['no-cache'] !== true,
      cacheDir: values['cache-dir']
        ? at(values['cache-dir'] as string)
        : resolve(root, io.env.PROXMOX_OPENAPI_CACHE_DIR ?? '.cache/pipeline'),
      lockTimeoutMs: parseNumber('lock-timeout', values['lock-timeout'] as string | undefined, 600) * 1000,
      openapi,
      network: { connectTimeoutMs: 5000, timeoutMs: 60_000, retries: 2 },
    };
    if (values.report) options.reportFile = at(values.report as string);
    const report = await runPipeline(options, io);
    return report.exitCode;
  },
});
