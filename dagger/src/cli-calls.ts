import type { Client, Container, Directory, File } from '@dagger.io/dagger';
import {
  getBuiltWorkspace,
  withApidocCache,
  withFreshDownloads,
  withStageCache,
} from '../../packages/core/src/dagger/containers.js';
import { CACHE_MOUNTS, WORKSPACE_DIR } from '../../packages/core/src/dagger/layout.js';
import { type RunInput, withWorkspaceRun } from '../../packages/core/src/dagger/workspace-run.js';
import type { ApiId } from '../../packages/core/src/targets.js';
import { getApiTarget } from '../../packages/core/src/targets.js';

// The module's functions as `proxmox-openapi` command lines in a built workspace, one call
// each. The module owns these argv; core's builders know containers, not the CLI.

/** The committed entry point of the `proxmox-openapi` CLI, relative to the workspace. */
export const CLI_BIN = 'apps/pipeline/bin/proxmox-openapi.js';

/** Where stage outputs go inside a container (outside the workspace, so they export cleanly). */
export const OUTPUT_DIR = '/out';

export interface PipelineCommandOptions {
  /** Keep going when the command exits non-zero (exit codes 1–127), e.g. to return a report of findings. */
  allowFailure?: boolean;
}

/** Runs `proxmox-openapi <args>` from the workspace's committed bin (needs a built workspace). */
export function withPipelineCommand(
  container: Container,
  args: readonly string[],
  options: PipelineCommandOptions = {},
  inputs: readonly RunInput[] = [],
): Container {
  return withWorkspaceRun(container, {
    argv: ['node', CLI_BIN, ...args],
    inputs,
    anyExitCode: options.allowFailure === true,
  });
}

/** The lint stage (format check, lint, typecheck of the whole workspace); fails on problems. */
export function withLint(container: Container): Container {
  return withPipelineCommand(container, ['lint']);
}

/** The lint stage with `--fix`: applies what can be fixed and never fails, so the fixes come back. */
export function withLintFix(container: Container): Container {
  return withPipelineCommand(container, ['lint', '--fix'], { allowFailure: true });
}

/**
 * Generates one API's documents from its committed snapshot (`specs/<api>/apidoc.json`) into
 * `/out/<api>`: `<api>-api.json` and `<api>-api.yaml`. No download: the result depends on the
 * sources only, so the engine may cache it.
 */
export function withGenerate(container: Container, api: ApiId, openapi: '3.0' | '3.1' = '3.0'): Container {
  const target = getApiTarget(api);
  return withPipelineCommand(container, [
    'generate',
    '--api',
    target.id,
    '--input',
    `specs/${target.id}/${target.outputs.snapshot}`,
    '--out-dir',
    `${OUTPUT_DIR}/${target.id}`,
    '--openapi',
    openapi,
  ]);
}

/** The documents of one API, generated from the committed snapshot (a lazy Directory). */
export function generateApi(
  client: Client,
  source: Directory,
  api: ApiId,
  openapi?: '3.0' | '3.1',
): Directory {
  return withGenerate(getBuiltWorkspace(client, source), api, openapi).directory(
    `${OUTPUT_DIR}/${getApiTarget(api).id}`,
  );
}

/**
 * The documents of several APIs in one Directory (`<api>/…`). Each API is its own branch of
 * the graph, so the engine generates them in parallel when the leaf is requested.
 */
export function generateApis(
  client: Client,
  source: Directory,
  apis: readonly ApiId[],
  openapi?: '3.0' | '3.1',
): Directory {
  let out = client.directory();
  for (const api of apis) out = out.withDirectory(api, generateApi(client, source, api, openapi));
  return out;
}

/** Where a specs folder is mounted for validation. */
export const SPECS_MOUNT = '/specs';

/**
 * Validates each API's document in a specs folder laid out as `specs/` is
 * (`<api>/<api>-api.json` beside its `apidoc.json`), writing one JSON report per API into
 * `/out/reports/<api>.json`.
 */
export function withValidate(
  container: Container,
  specs: Directory,
  apis: readonly ApiId[],
  options: PipelineCommandOptions = {},
): Container {
  let out = container;
  for (const [index, api] of apis.entries()) {
    const target = getApiTarget(api);
    out = withPipelineCommand(
      out,
      [
        'validate',
        `${SPECS_MOUNT}/${target.id}/${target.outputs.json}`,
        '--apidoc',
        `${SPECS_MOUNT}/${target.id}/${target.outputs.snapshot}`,
        '--report',
        `${OUTPUT_DIR}/reports/${target.id}.json`,
      ],
      options,
      index === 0 ? [{ path: SPECS_MOUNT, directory: specs }] : [],
    );
  }
  return out;
}

/** The file that {@link validationReport} returns, inside the container. */
export const VALIDATION_REPORT = `${OUTPUT_DIR}/validation-report.json`;

// Joins the per-API reports into one JSON object keyed by API. A fixed script of ours: it reads
// our own report files, never downloaded text.
const JOIN_REPORTS = `
const fs = require('node:fs');
const dir = process.argv[1];
const joined = {};
for (const name of fs.readdirSync(dir).sort()) {
  if (name.endsWith('.json')) joined[name.slice(0, -5)] = JSON.parse(fs.readFileSync(dir + '/' + name, 'utf8'));
}
fs.writeFileSync(process.argv[2], JSON.stringify(joined, null, 2) + '\\n');
`;

/**
 * Validates the documents in `specs` and returns one JSON report for all of them, also when
 * validation finds problems (the report says which).
 */
export function validationReport(
  client: Client,
  source: Directory,
  specs: Directory,
  apis: readonly ApiId[],
): File {
  const validated = withValidate(getBuiltWorkspace(client, source), specs, apis, { allowFailure: true });
  return withWorkspaceRun(validated, {
    argv: ['node', '-e', JOIN_REPORTS, `${OUTPUT_DIR}/reports`, VALIDATION_REPORT],
  }).file(VALIDATION_REPORT);
}

/** Where {@link withSite} writes the site inside the container. */
export const SITE_DIR = `${OUTPUT_DIR}/site`;

/**
 * Builds the static reference site from a specs folder (mounted at `/specs`, laid out as
 * `specs/` is, with its `manifest.json`) into {@link SITE_DIR}.
 */
export function withSite(container: Container, specs: Directory): Container {
  return withPipelineCommand(container, ['site', '--specs-dir', SPECS_MOUNT, '--out-dir', SITE_DIR], {}, [
    { path: SPECS_MOUNT, directory: specs },
  ]);
}

/** The reference site built from a specs folder (a lazy Directory: index.html at its root). */
export function siteDirectory(client: Client, source: Directory, specs: Directory): Directory {
  return withSite(getBuiltWorkspace(client, source), specs).directory(SITE_DIR);
}

/** Where {@link withDiff} mounts the two schemas: `/diff/old/<name>` and `/diff/new/<name>`. */
export const DIFF_DIR = '/diff';

/** How `proxmox-openapi diff` is asked to compare and report. */
export interface DiffOptions {
  /** The API the schemas belong to (`--api`); the command's own default when omitted. */
  api?: string;
  /** The report's format (`--format`). */
  format: 'md' | 'json';
  /** Exit 1, and so fail the chain, when changes of this level or worse are found (`--fail-on`). */
  failOn?: 'breaking' | 'warning';
}

/** One schema to compare: its file and the base name it is mounted under. */
export interface DiffInput {
  readonly name: string;
  readonly file: File;
}

// A file's base name as Dagger reports it, kept only when it cannot leave its mount folder.
function mountName(name: string): string {
  return /^[^/\\]+$/.test(name) && name !== '.' && name !== '..' ? name : 'apidoc';
}

/**
 * Runs `proxmox-openapi diff OLD NEW` on two mounted schemas (apidoc.js, .json or .json.gz,
 * each under its own name, so that the report names the files as given).
 */
export function withDiff(
  container: Container,
  old: DiffInput,
  next: DiffInput,
  options: DiffOptions,
): Container {
  const oldPath = `${DIFF_DIR}/old/${mountName(old.name)}`;
  const newPath = `${DIFF_DIR}/new/${mountName(next.name)}`;
  const args = ['diff', oldPath, newPath];
  if (options.api) args.push('--api', options.api);
  args.push('--format', options.format);
  if (options.failOn) args.push('--fail-on', options.failOn);
  return withPipelineCommand(container, args, {}, [
    { path: oldPath, file: old.file },
    { path: newPath, file: next.file },
  ]);
}

/**
 * The classified changes between two schemas as the command prints them; fails (exit 1) when
 * `failOn` finds changes of that level, as the command does.
 */
export async function diffReport(
  client: Client,
  source: Directory,
  old: File,
  next: File,
  options: DiffOptions,
): Promise<string> {
  const [oldName, newName] = await Promise.all([old.name(), next.name()]);
  return withDiff(
    getBuiltWorkspace(client, source),
    { name: oldName, file: old },
    { name: newName, file: next },
    options,
  ).stdout();
}

export interface PipelineRunOptions {
  /** Which APIs, as `--api` takes them: `all`, `both`, one id or a comma list. */
  api: string;
  /** Also build the release artifacts (`--publish`). */
  publish?: boolean;
  /** Any value that differs per run, so that the live fetch is never served from the engine's cache. */
  stamp: string;
}

/**
 * Runs the whole pipeline inside the workspace (live fetch with the snapshot fallback, the
 * local engine inside the container, publish into the container's `specs/`). Its stage cache
 * (`--cache-dir`) is the stage cache volume, and its downloads, which the pipeline keeps in
 * `<cache-dir>/downloads`, the apidoc download cache volume; a per-run stamp keeps the engine
 * from replaying an old download.
 */
export function withPipelineRun(
  container: Container,
  client: Client,
  options: PipelineRunOptions,
): Container {
  const cacheDir = CACHE_MOUNTS.stages.path;
  const args = ['pipeline', '--api', options.api, '--engine', 'local', '--cache-dir', cacheDir];
  if (options.publish) args.push('--publish');
  const cached = withApidocCache(withStageCache(container, client), client, `${cacheDir}/downloads`);
  return withPipelineCommand(withFreshDownloads(cached, options.stamp), args);
}

/** The published `specs/` folder after a pipeline run in a container (a lazy Directory). */
export function pipelineSpecs(client: Client, source: Directory, options: PipelineRunOptions): Directory {
  return withPipelineRun(getBuiltWorkspace(client, source), client, options).directory(
    `${WORKSPACE_DIR}/specs`,
  );
}
