import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A workspace package whose tarball a user installs. */
export interface PackedPackage {
  dir: string;
  name: string;
  bins: string[];
}

interface Manifest {
  name: string;
  private?: boolean;
  bin?: Record<string, string>;
}

/**
 * The packages a user installs from a tarball: every workspace package that is not private, and
 * the command line app (private until it is published, but its tarball must work the same way).
 */
export function packedPackages(root: string): PackedPackage[] {
  const found: PackedPackage[] = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = `${group}/${entry.name}`;
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Manifest;
      const bins = Object.keys(manifest.bin ?? {});
      if (manifest.private === true && bins.length === 0) continue;
      found.push({ dir, name: manifest.name, bins });
    }
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : 1));
}

const run = promisify(execFile);

/** Runs the pnpm on PATH (corepack's, at the version `packageManager` pins). */
export async function pnpm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('pnpm', args, {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: '0' },
  });
  return stdout;
}

/** What `pnpm pack --json` says about one tarball. */
export interface PackResult {
  name: string;
  filename: string;
  files: string[];
}

/** Packs one package into `destination` the way `pnpm publish` would. */
export async function pack(root: string, dir: string, destination: string): Promise<PackResult> {
  const out = await pnpm(['pack', '--json', '--pack-destination', destination], join(root, dir));
  const parsed = JSON.parse(out) as { name: string; filename: string; files: { path: string }[] };
  return { name: parsed.name, filename: parsed.filename, files: parsed.files.map((f) => f.path).sort() };
}
