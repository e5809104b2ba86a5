import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readApidocFile, writeSnapshot } from '@proxmox-openapi/apidoc-fetch';
import { getApiTarget } from '@proxmox-openapi/core';
import { fixturePath } from '@proxmox-openapi/test-fixtures';
import { inject } from 'vitest';

/** The built CLI (Turbo runs `build` before `test`). */
export const BIN = fileURLToPath(new URL('../../bin/proxmox-openapi.js', import.meta.url));

export const FIXTURES = {
  pve2026: fixturePath('pve-apidoc-2026-08-16.json.gz'),
  pbs2026: fixturePath('pbs-apidoc-2026-08-16.json.gz'),
  pve2025: fixturePath('pve-apidoc-2025-06-10.json.gz'),
  pbs2025: fixturePath('pbs-apidoc-2025-06-10.json.gz'),
};

/**
 * The stage cache shared by every test file of this run (test/support/shared-stage-cache.ts):
 * for `--cache-dir` in runs that are not about the cache, so that a fixture's document is
 * generated and validated once per test run, not once per file.
 */
export function sharedStageCache(): string {
  return inject('stageCacheDir');
}

export const ROOT_README = `# test workspace

Intro that the pipeline must not touch.

## The documents

<!-- proxmox-openapi:stats:start -->
<!-- proxmox-openapi:stats:end -->

Trailing text.
`;

const created: string[] = [];

/** Removes every workspace this test file made (tens of MB each: specs, caches, reports). */
export async function removeWorkspaces(): Promise<void> {
  for (const dir of created.splice(0)) await rm(dir, { recursive: true, force: true });
}

/**
 * A throwaway repository root: pnpm-workspace.yaml (so the CLI finds the root), a README with
 * the stats markers, and committed snapshots made from the given fixtures the way the real
 * repository's were (meta url = the target's apidocUrl, fetchedAt = the fixture's date).
 */
export async function makeWorkspace(snapshots: Record<string, string | undefined> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'pipeline-ws-'));
  created.push(root);
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  await writeFile(join(root, 'README.md'), ROOT_README);
  for (const [api, file] of Object.entries(snapshots)) {
    if (!file) continue;
    const read = await readApidocFile(file);
    const date = /(\d{4}-\d{2}-\d{2})/.exec(file)?.[1] ?? '2026-08-16';
    await writeSnapshot(join(root, 'specs', api), read.tree, {
      url: getApiTarget(api).apidocUrl,
      sha256: read.sha256,
      fetchedAt: `${date}T00:00:00.000Z`,
    });
  }
  return root;
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The arguments with `--api both` added when they name no `--api`: these workspaces hold the
 * PVE and PBS snapshots only, while the command's default is every registered API.
 */
export function withApi(args: readonly string[]): string[] {
  return args.includes('--api') ? [...args] : ['--api', 'both', ...args];
}

/** Runs `proxmox-openapi pipeline …` as a child process in `cwd` (`--api both` unless given). */
export function runPipelineCli(
  cwd: string,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return runPipelineCliAsIs(cwd, withApi(args), env);
}

/** Runs `proxmox-openapi pipeline …` with exactly the given arguments (the command's own defaults). */
export function runPipelineCliAsIs(
  cwd: string,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'pipeline', ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: undefined, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** Every file below `dir` with its sha256 (relative paths, sorted); undefined when `dir` is absent. */
export async function hashTree(dir: string): Promise<Record<string, string> | undefined> {
  if (!existsSync(dir)) return undefined;
  const result: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const entry of (await readdir(d, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else
        result[relative(dir, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  };
  await walk(dir);
  return result;
}

/** Copies a folder (for restoring a known `specs/` between crash runs). */
export async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await cp(from, to, { recursive: true });
}

/** Reads a JSON file. */
export async function readJson<T = unknown>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}
