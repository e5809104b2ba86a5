import { resolve } from 'node:path';
import {
  API_TARGETS,
  type ApiId,
  checkOutputTarget,
  isApiId,
  parseApiSelection,
  UsageError,
} from '@proxmox-openapi/core';
import type { PipelineOptions } from '../../run/run-pipeline.js';
import { defineCommand } from '../declare-command.js';
import { findWorkspaceRoot } from '../workspace-root.js';

function parseSources(values: readonly string[]): Record<ApiId, string> {
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

function parseSeconds(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} ${value}: expected a number of seconds`);
  return n;
}

const isHttp = (source: string): boolean => /^https?:\/\//i.test(source);

/** `proxmox-openapi pipeline`: the whole chain for the selected APIs (the command-line contract in the README). */
export const pipelineCommand = defineCommand({
  name: 'pipeline',
  summary: 'fetch, generate, validate and publish every Proxmox API side by side (cached, atomic)',
  description: `Fetches, generates, validates and publishes the OpenAPI documents of the Proxmox APIs side by side.
Everything is staged first; specs/ changes only when every API passed, in one step.`,
  options: {
    api: {
      type: 'string',
      value: 'APIS',
      description: `all (default: every registered API), both (pve and pbs), one id or a comma list such as pve,pmg; ids: ${API_TARGETS.map((t) => t.id).join(', ')}`,
      default: 'all',
    },
    source: {
      type: 'string',
      value: 'API=SRC',
      description: "take API's apidoc from a URL or a file (apidoc.js, .json, .json.gz)",
      multiple: true,
    },
    offline: {
      type: 'boolean',
      description: 'never touch the network: use the committed snapshots specs/<api>/apidoc.json',
    },
    'strict-fetch': {
      type: 'boolean',
      description: 'fail when the live fetch fails instead of falling back to the snapshot',
    },
    publish: {
      type: 'boolean',
      description: 'also build dist/release/: specs archive, SHA256SUMS, release notes',
    },
    site: {
      type: 'boolean',
      description:
        'also build the reference site into dist/site/ from the published specs (on with --publish)',
    },
    'no-site': { type: 'boolean', description: 'do not build the site, also with --publish' },
    'specs-dir': {
      type: 'string',
      value: 'DIR',
      description: 'where the documents are published (default specs/ at the repository root)',
    },
    report: { type: 'string', value: 'FILE', description: 'write the whole run as JSON' },
    'no-cache': { type: 'boolean', description: 'run every stage, read and write no cache entry' },
    openapi: {
      type: 'string',
      value: 'VERSION',
      description: '3.0 (default) or 3.1',
      choices: ['3.0', '3.1'],
      default: '3.0',
    },
    'cache-dir': {
      type: 'string',
      value: 'DIR',
      description: 'the stage cache (default .cache/pipeline at the repository root)',
    },
    'lock-timeout': {
      type: 'string',
      value: 'S',
      description: 'how long to wait for another run on the same specs (default 600; 0 refuses)',
      default: '600',
    },
  },
  engine: 'per-target',
  notes: `By default a failed live fetch falls back to the committed snapshot with a loud warning.
Progress lines appear on a terminal (or with PROXMOX_OPENAPI_PROGRESS=1); NO_COLOR is honoured;
with GITHUB_STEP_SUMMARY set a Markdown summary is appended there.
Exit codes: 0 published, 1 validation errors, 2 usage error, 3 input or network error.`,
  async run({ values, engine }, io) {
    const apis = parseApiSelection(values.api);
    const sources = parseSources(values.source);
    for (const api of Object.keys(sources).filter(isApiId)) {
      if (!apis.includes(api))
        throw new UsageError(`--source ${api}=…: ${api} is not built in this run (--api)`);
    }
    const { offline } = values;
    const strictFetch = values['strict-fetch'];
    if (offline && strictFetch)
      throw new UsageError('--offline and --strict-fetch contradict each other: pick one');
    if (offline) {
      for (const [api, source] of Object.entries(sources)) {
        if (isHttp(source))
          throw new UsageError(`--source ${api}=${source} is a URL but --offline forbids the network`);
      }
    }
    if (values.site && values['no-site'])
      throw new UsageError('--site and --no-site contradict each other: pick one');
    const root = findWorkspaceRoot(io.cwd);
    const at = (path: string): string => resolve(io.cwd, path);
    const resolvedSources: Record<ApiId, string> = {};
    for (const [api, source] of Object.entries(sources)) {
      if (isApiId(api)) resolvedSources[api] = isHttp(source) ? source : at(source);
    }
    const options: PipelineOptions = {
      root,
      apis,
      sources: resolvedSources,
      offline,
      strictFetch,
      engine,
      publish: values.publish,
      site: values['no-site'] ? false : values.site || values.publish,
      specsDir: values['specs-dir'] ? at(values['specs-dir']) : resolve(root, 'specs'),
      cache: !values['no-cache'],
      cacheDir: values['cache-dir']
        ? at(values['cache-dir'])
        : resolve(root, io.env.PROXMOX_OPENAPI_CACHE_DIR ?? '.cache/pipeline'),
      lockTimeoutMs: parseSeconds('lock-timeout', values['lock-timeout']) * 1000,
      openapi: values.openapi,
      network: { connectTimeoutMs: 5000, timeoutMs: 60_000, retries: 2 },
    };
    if (values.report) {
      options.reportFile = at(values.report);
      // A folder as --report is refused before the lock is taken or anything is fetched.
      await checkOutputTarget(options.reportFile, { what: '--report' });
    }
    // Loaded on use: the orchestrator, the publish protocol and the reports are this command's alone.
    const { runPipeline } = await import('../../run/run-pipeline.js');
    const report = await runPipeline(options, io);
    return report.exitCode;
  },
});
