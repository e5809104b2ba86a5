import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commitStaging, createStaging, discardStaging, recoverStaging } from './publish.js';

type FileSet = Record<string, string>;

const OLD: FileSet = {
  'manifest.json': '{"v":"old"}',
  'pve/pve-api.json': 'old pve json',
  'pve/pve-api.yaml': 'old pve yaml',
  'pbs/pbs-api.json': 'old pbs json',
};
const NEW: FileSet = {
  'manifest.json': '{"v":"new"}',
  'pve/pve-api.json': 'new pve json',
  'pve/pve-api.yaml': 'new pve yaml',
  'pbs/pbs-api.json': 'new pbs json',
  'pbs/README.md': 'new file',
};

async function writeSet(dir: string, files: FileSet): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

async function readSet(dir: string): Promise<FileSet | undefined> {
  if (!existsSync(dir)) return undefined;
  const files: FileSet = {};
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files[relative(dir, path)] = await readFile(path, 'utf8');
    }
  };
  await walk(dir);
  return files;
}

function same(a: FileSet, b: FileSet): boolean {
  const canonical = (set: FileSet): string => JSON.stringify(Object.entries(set).sort());
  return canonical(a) === canonical(b);
}

async function oldTree(): Promise<{ root: string; specs: string }> {
  const root = await mkdtemp(join(tmpdir(), 'publish-'));
  const specs = join(root, 'specs');
  await writeSet(specs, OLD);
  return { root, specs };
}

const distPublish = fileURLToPath(new URL('../../dist/publish/publish.js', import.meta.url));

/** Runs a publish of NEW in a child process that SIGKILLs itself at checkpoint `killAt`. */
function publishInChild(specs: string, killAt: number): { status: number | null; signal: string | null } {
  const script = `
    import { createStaging, commitStaging } from ${JSON.stringify(distPublish)};
    import { mkdir, writeFile } from 'node:fs/promises';
    import { dirname, join } from 'node:path';
    const files = ${JSON.stringify(NEW)};
    const staging = await createStaging(${JSON.stringify(specs)});
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(staging.newDir, path)), { recursive: true });
      await writeFile(join(staging.newDir, path), text);
    }
    await commitStaging(staging);
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, PROXMOX_OPENAPI_TEST_KILL_AT: String(killAt) },
    encoding: 'utf8',
  });
  if (result.status !== 0 && result.signal === null) throw new Error(result.stderr);
  return { status: result.status, signal: result.signal };
}

describe('atomic publish', () => {
  it('switches the whole set and leaves nothing beside it', async () => {
    const { root, specs } = await oldTree();
    const staging = await createStaging(specs);
    await writeSet(staging.newDir, NEW);
    await commitStaging(staging);
    expect(await readSet(specs)).toEqual(NEW);
    expect(await readdir(root)).toEqual(['specs']);
  });

  it('publishes into a folder that does not exist yet', async () => {
    const root = await mkdtemp(join(tmpdir(), 'publish-'));
    const staging = await createStaging(join(root, 'specs'));
    await writeSet(staging.newDir, NEW);
    await commitStaging(staging);
    expect(await readSet(join(root, 'specs'))).toEqual(NEW);
  });

  it('leaves the old set untouched when the staging is discarded', async () => {
    const { root, specs } = await oldTree();
    const staging = await createStaging(specs);
    await writeSet(staging.newDir, NEW);
    await discardStaging(staging);
    expect(await readSet(specs)).toEqual(OLD);
    expect(await readdir(root)).toEqual(['specs']);
  });

  it('never leaves a mixed set when killed at any step, and the next run recovers', async () => {
    expect(existsSync(distPublish), 'build the package first (pnpm test does)').toBe(true);
    const seen = { old: 0, new: 0, absentThenNew: 0 };
    let step = 1;
    for (; step < 100; step++) {
      const { root, specs } = await oldTree();
      const run = publishInChild(specs, step);
      if (run.signal === null) {
        expect(run.status).toBe(0);
        expect(await readSet(specs)).toEqual(NEW);
        break;
      }
      expect(run.signal).toBe('SIGKILL');
      const after = await readSet(specs);
      // At the moment of the crash: all old, all new, or (between the two renames) absent.
      if (after === undefined) seen.absentThenNew++;
      else if (same(after, OLD)) seen.old++;
      else {
        expect(after).toEqual(NEW);
        seen.new++;
      }
      const leftovers = (await readdir(root)).filter((name) => name !== 'specs');
      const actions = await recoverStaging(specs);
      expect(actions).toHaveLength(leftovers.length);
      const recovered = await readSet(specs);
      // Recovery goes forward once the commit marker is in place, even if `specs/` was still
      // the old set at the crash; it never goes back from a new or absent set.
      if (after === undefined || !same(after, OLD)) expect(recovered).toEqual(NEW);
      else if (actions[0]?.action === 'rolled-back') expect(recovered).toEqual(OLD);
      else expect(recovered).toEqual(NEW);
      expect(await readdir(root)).toEqual(['specs']);
    }
    // Every step was reached once (the run without a kill ended the loop), and crashes fell
    // on both sides of the commit point.
    expect(step).toBeGreaterThan(5);
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new + seen.absentThenNew).toBeGreaterThan(0);
    expect(seen.absentThenNew).toBe(1);
  });

  it('leaves folders of another specs folder alone during recovery', async () => {
    const { root, specs } = await oldTree();
    const other = await createStaging(join(root, 'other'));
    expect(await recoverStaging(specs)).toEqual([]);
    expect(existsSync(other.workDir)).toBe(true);
  });
});
