import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@proxmox-openapi/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createReleaseStaging,
  markReleaseReady,
  type ReleaseStaging,
  recoverReleaseStaging,
  swapRelease,
} from './release-staging.js';

const roots: string[] = [];
let root: string;
let releaseDir: string;
let specsDir: string;

const OLD_SPECS = '{"apis":"old"}\n';
const NEW_SPECS = '{"apis":"new"}\n';

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'release-staging-'));
  roots.push(root);
  releaseDir = join(root, 'dist', 'release');
  specsDir = join(root, 'specs');
  await mkdir(releaseDir, { recursive: true });
  await writeFile(join(releaseDir, 'RELEASE_NOTES.md'), 'old release\n');
  await mkdir(specsDir);
  await writeFile(join(specsDir, 'manifest.json'), OLD_SPECS);
});

afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

/** A staged new release, ready for the new specs. */
async function readyRelease(): Promise<ReleaseStaging> {
  const staging = await createReleaseStaging(releaseDir);
  await writeFile(join(staging.newDir, 'RELEASE_NOTES.md'), 'new release\n');
  await markReleaseReady(staging, sha256(NEW_SPECS));
  return staging;
}

const notes = () => readFile(join(releaseDir, 'RELEASE_NOTES.md'), 'utf8');
const leftovers = async () => (await readdir(join(root, 'dist'))).filter((n) => n !== 'release');

describe('the release journal', () => {
  it('swaps a ready release in and leaves nothing beside it', async () => {
    await swapRelease(await readyRelease());
    expect(await notes()).toBe('new release\n');
    expect(await leftovers()).toEqual([]);
  });

  it('removes a staging folder that never became ready', async () => {
    const staging = await createReleaseStaging(releaseDir);
    await writeFile(join(staging.newDir, 'RELEASE_NOTES.md'), 'half');
    expect((await recoverReleaseStaging(releaseDir, specsDir)).map((a) => a.action)).toEqual(['rolled-back']);
    expect(await notes()).toBe('old release\n');
    expect(await leftovers()).toEqual([]);
  });

  it('removes a ready release whose specs were never switched (killed before the commit point)', async () => {
    await readyRelease();
    expect((await recoverReleaseStaging(releaseDir, specsDir)).map((a) => a.action)).toEqual(['rolled-back']);
    expect(await notes()).toBe('old release\n');
    expect(await leftovers()).toEqual([]);
  });

  it('rolls a ready release forward once its specs are published (killed after the commit point)', async () => {
    await readyRelease();
    await writeFile(join(specsDir, 'manifest.json'), NEW_SPECS);
    expect((await recoverReleaseStaging(releaseDir, specsDir)).map((a) => a.action)).toEqual([
      'rolled-forward',
    ]);
    expect(await notes()).toBe('new release\n');
    expect(await leftovers()).toEqual([]);
  });

  it('finishes a swap stopped between its two renames', async () => {
    const staging = await readyRelease();
    await writeFile(join(specsDir, 'manifest.json'), NEW_SPECS);
    await rename(releaseDir, join(staging.workDir, 'old'));
    // Even if specs/ changed again since: a begun swap is only ever finished.
    await writeFile(join(specsDir, 'manifest.json'), OLD_SPECS);
    expect((await recoverReleaseStaging(releaseDir, specsDir)).map((a) => a.action)).toEqual([
      'rolled-forward',
    ]);
    expect(await notes()).toBe('new release\n');
    expect(existsSync(staging.workDir)).toBe(false);
  });

  it("leaves a live process's staging folder alone (a run on another specs folder)", async () => {
    // pid 1 is alive in every pid namespace.
    const work = join(root, 'dist', '.release-staging-1-0123abcd');
    await mkdir(join(work, 'new'), { recursive: true });
    expect(await recoverReleaseStaging(releaseDir, specsDir)).toEqual([]);
    expect(existsSync(work)).toBe(true);
  });

  it('leaves folders of other names alone', async () => {
    await mkdir(join(root, 'dist', 'site'));
    await mkdir(join(root, 'dist', '.site-staging-1-ab'));
    expect(await recoverReleaseStaging(releaseDir, specsDir)).toEqual([]);
    expect((await leftovers()).sort()).toEqual(['.site-staging-1-ab', 'site']);
  });
});
