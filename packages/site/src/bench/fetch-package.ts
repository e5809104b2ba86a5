import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Makes one exact npm package version available as an unpacked folder under `cacheDir`, through
 * npm's own client (`npm pack`, which checks the registry's integrity hash), and returns the
 * folder. The bench needs the four candidates only to measure them: installing them into the
 * workspace would add three unused dependency trees (and Redoc 3 and Scalar declare Node >= 22,
 * which the workspace's engine-strict refuses), while their browser bundles are self-contained.
 */
export async function fetchPackage(name: string, version: string, cacheDir: string): Promise<string> {
  const folder = join(cacheDir, `${name.replace('/', '__')}@${version}`);
  if (existsSync(join(folder, 'package.json'))) return folder;
  const download = `${folder}.download`;
  await rm(download, { recursive: true, force: true });
  await mkdir(download, { recursive: true });
  await run('npm', ['pack', `${name}@${version}`, '--pack-destination', download, '--silent'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const [tarball] = (await readdir(download)).filter((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${name}@${version} wrote no tarball`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await run('tar', ['-xzf', join(download, tarball), '-C', folder, '--strip-components=1']);
  await rm(download, { recursive: true, force: true });
  return folder;
}
