import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The identity of a stage package as it goes into cache keys. */
export interface StageVersion {
  name: string;
  version: string;
  /**
   * The sha256 over the package's built files (`dist/**`, sorted by path) and those of the
   * workspace packages it depends on, transitively (core's texts and tables shape a document
   * as much as the generator does).
   */
  fingerprint: string;
}

/**
 * The file beside the bundled CLI (scripts/bundle-cli.js) that records the stage packages'
 * versions as they were when the bundle was made: the code that runs is the bundle's, and a
 * package rebuilt since (its dist/ changed, the bundle not) must not key its old output with
 * its new fingerprint.
 */
export const BUNDLED_VERSIONS_FILE = 'stage-versions.json';

const WORKSPACE_SCOPE = '@proxmox-openapi/';
const known = new Map<string, Promise<StageVersion>>();
let recorded: Promise<Record<string, StageVersion> | undefined> | undefined;

/**
 * The version of a stage package and a fingerprint of its built code: the one the bundle
 * recorded when this runs from the bundle, else read from the installed package. Inside the
 * workspace the version stays `0.1.0` while the code changes, and a key on the version alone
 * would replay the output of an older generator without a word; the fingerprint makes any
 * rebuild with different code a new key. Published packages get both for free: a new version
 * has new files.
 */
export function stageVersion(packageName: string): Promise<StageVersion> {
  let found = known.get(packageName);
  if (!found) {
    recorded ??= readRecordedVersions(fileURLToPath(new URL(`./${BUNDLED_VERSIONS_FILE}`, import.meta.url)));
    found = recorded.then((versions) => versions?.[packageName] ?? fingerprintPackage(packageName));
    known.set(packageName, found);
  }
  return found;
}

/**
 * The versions a bundle recorded, or undefined when there is no such file (the file-by-file
 * dist/ that the tests and the Dagger runner load) or it cannot be read as one.
 */
export async function readRecordedVersions(file: string): Promise<Record<string, StageVersion> | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const versions: Record<string, StageVersion> = {};
  for (const [name, value] of Object.entries(parsed)) {
    const v = value as Partial<StageVersion> | null;
    if (typeof v?.version !== 'string' || typeof v.fingerprint !== 'string' || v.name !== name)
      return undefined;
    versions[name] = { name, version: v.version, fingerprint: v.fingerprint };
  }
  return versions;
}

/**
 * Reads a package's version and fingerprints its built code and that of the workspace
 * packages it depends on, resolved from `from` (a file or folder path; default this module).
 */
export async function fingerprintPackage(packageName: string, from?: string): Promise<StageVersion> {
  const require = createRequire(from ?? import.meta.url);
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version?: string };
  const hash = createHash('sha256');
  for (const [name, dir] of await workspaceClosure(packageName, manifestPath)) {
    hash.update(`${name}\0`);
    const dist = join(dir, 'dist');
    for (const file of await listFiles(dist)) {
      // Source maps and declarations do not change behaviour.
      if (file.endsWith('.map') || file.endsWith('.d.ts')) continue;
      hash.update(`${file}\0`);
      hash.update(await readFile(join(dist, file)));
    }
  }
  return { name: packageName, version: manifest.version ?? '0.0.0', fingerprint: hash.digest('hex') };
}

/** The package and the workspace packages it depends on, transitively, sorted by name. */
async function workspaceClosure(packageName: string, manifestPath: string): Promise<[string, string][]> {
  const found = new Map<string, string>();
  const pending: [string, string][] = [[packageName, manifestPath]];
  while (pending.length > 0) {
    const [name, path] = pending.pop() as [string, string];
    if (found.has(name)) continue;
    found.set(name, dirname(path));
    const manifest = JSON.parse(await readFile(path, 'utf8')) as { dependencies?: Record<string, string> };
    const resolveFrom = createRequire(path);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (dependency.startsWith(WORKSPACE_SCOPE) && !found.has(dependency)) {
        pending.push([dependency, resolveFrom.resolve(`${dependency}/package.json`)]);
      }
    }
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(join(dir, entry.name), path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
