import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadFixtureTree } from '@proxmox-openapi/test-fixtures';

/** A throwaway repository root (pnpm-workspace.yaml lets the CLI find it). */
export async function makeRoot(prefix: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `hardening-${prefix}-`));
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  return root;
}

const execFileAsync = promisify(execFile);

/**
 * Copies the contents of folder `from` into folder `to` (made if missing) with `cp -a`: links
 * stay links and modification times are kept (a file source's mtime is its fetch time in the
 * manifest, so a copy must not change it). The suite copies a prepared root for nearly every
 * case; `fs.cp` walks the tree in JavaScript, about 70 ms of CPU for a root with its specs,
 * release and stage cache, `cp -a` about 15 ms.
 */
export async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await execFileAsync('cp', ['-a', `${from}/.`, to]);
}

/** A fresh copy of a prepared root (see copyTree), in a new temporary folder. */
export async function copyRoot(from: string, prefix: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `hardening-${prefix}-`));
  await copyTree(from, root);
  return root;
}

/**
 * A small slice of a real schema (a few top-level subtrees) as a bare JSON array text: real
 * shapes at a size that keeps one pipeline run short. `paths` are top-level node paths.
 */
export function fixtureSlice(file: string, paths: readonly string[]): string {
  const tree = loadFixtureTree(file) as { path: string }[];
  const slice = tree.filter((node) => paths.includes(node.path));
  if (slice.length !== paths.length) throw new Error(`${file} lacks one of ${paths.join(', ')}`);
  return `${JSON.stringify(slice, null, 2)}\n`;
}

/** The slices the tests publish: both APIs, old (2025) and new (2026); each pair differs. */
export const SLICES = {
  pveOld: () => fixtureSlice('pve-apidoc-2025-06-10.json.gz', ['/storage', '/version']),
  pveNew: () => fixtureSlice('pve-apidoc-2026-08-16.json.gz', ['/storage', '/version']),
  pbsOld: () => fixtureSlice('pbs-apidoc-2025-06-10.json.gz', ['/backup/_upgrade_', '/reader/_upgrade_']),
  pbsNew: () => fixtureSlice('pbs-apidoc-2026-08-16.json.gz', ['/backup/_upgrade_', '/reader/_upgrade_']),
};
