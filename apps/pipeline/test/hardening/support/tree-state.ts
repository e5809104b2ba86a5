import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Every regular file below `dir` with its sha256, by relative path (undefined: no such folder). */
export async function hashTree(dir: string): Promise<Record<string, string> | undefined> {
  if (!existsSync(dir)) return undefined;
  const files: Record<string, string> = {};
  const walk = async (d: string, prefix: string): Promise<void> => {
    for (const entry of (await readdir(d, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(join(d, entry.name), rel);
      else
        files[rel] = createHash('sha256')
          .update(await readFile(join(d, entry.name)))
          .digest('hex');
    }
  };
  await walk(dir, '');
  return files;
}

interface ManifestLike {
  files: { path: string; sha256: string }[];
}

/**
 * Checks a published `specs/` against its own manifest: every listed file exists with its
 * sha256, and no file is there that the manifest does not list. Returns what is wrong, or
 * undefined when the set is complete.
 */
export async function checkAgainstManifest(specsDir: string): Promise<string | undefined> {
  const tree = await hashTree(specsDir);
  if (!tree) return 'specs/ is missing';
  const text = tree['manifest.json'] ? await readFile(join(specsDir, 'manifest.json'), 'utf8') : undefined;
  if (!text) return 'specs/manifest.json is missing';
  const manifest = JSON.parse(text) as ManifestLike;
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    if (tree[file.path] === undefined) return `${file.path} is listed in the manifest but missing`;
    if (tree[file.path] !== file.sha256) return `${file.path} does not match its sha256 in the manifest`;
  }
  const extra = Object.keys(tree).filter((path) => path !== 'manifest.json' && !listed.has(path));
  return extra.length > 0 ? `not in the manifest: ${extra.join(', ')}` : undefined;
}

/**
 * Every entry below `dir` without following anything: a file's sha256, a link's target, the
 * kind of anything else (a named pipe is never opened). For trees that hold links and pipes.
 */
export async function lstatTree(dir: string): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  const walk = async (d: string, prefix: string): Promise<void> => {
    for (const name of (await readdir(d)).sort()) {
      const path = join(d, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const stats = await lstat(path);
      if (stats.isDirectory()) await walk(path, rel);
      else if (stats.isSymbolicLink()) entries[rel] = `link to ${await readlink(path)}`;
      else if (stats.isFile())
        entries[rel] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
      else entries[rel] = 'not a file';
    }
  };
  await walk(dir, '');
  return entries;
}
