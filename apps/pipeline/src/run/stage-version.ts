import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The identity of a stage package as it goes into cache keys. */
export interface StageVersion {
  name: string;
  version: string;
  /** The sha256 over the package's built files (`dist/**`, sorted by path). */
  fingerprint: string;
}

const require = createRequire(import.meta.url);
const known = new Map<string, Promise<StageVersion>>();

/**
 * The version of a stage package, read from the `package.json` that every package exports, and
 * a fingerprint of its built code. Inside the workspace the version stays `0.1.0` while the
 * code changes, and a key on the version alone would replay the output of an older generator
 * without a word; the fingerprint makes any rebuild with different code a new key. Published
 * packages get both for free: a new version has new files.
 */
export function stageVersion(packageName: string): Promise<StageVersion> {
  let found = known.get(packageName);
  if (!found) {
    found = readStageVersion(packageName);
    known.set(packageName, found);
  }
  return found;
}

async function readStageVersion(packageName: string): Promise<StageVersion> {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version?: string };
  const hash = createHash('sha256');
  const dist = join(dirname(manifestPath), 'dist');
  for (const file of await listFiles(dist)) {
    // Source maps and declarations do not change behaviour.
    if (file.endsWith('.map') || file.endsWith('.d.ts')) continue;
    hash.update(`${file}\0`);
    hash.update(await readFile(join(dist, file)));
  }
  return { name: packageName, version: manifest.version ?? '0.0.0', fingerprint: hash.digest('hex') };
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
