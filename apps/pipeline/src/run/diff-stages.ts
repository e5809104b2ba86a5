import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, readSnapshotMeta, SPECS_LAYOUT, sha256, sha256File } from '@proxmox-openapi/core';
import type { TargetDiff } from '../engines/engine.js';
import type { StageDefinition, TargetState } from './stages.js';
import { digestOf } from './state-digests.js';

// Loaded when a stage really runs, like the other stage packages (see stages.ts).
const apiDiffPackage = () => import('@proxmox-openapi/api-diff');

const META = SPECS_LAYOUT.snapshotMeta;
const CHANGELOG_FILES = [SPECS_LAYOUT.changelogMarkdown, SPECS_LAYOUT.changelogJson] as const;

/**
 * When the snapshot in `dir` was fetched: what labels it in a diff or a changelog. The app reads
 * the fetch stage's metadata and hands the time to api-diff, which reads no sibling's files.
 * @throws InputError when the metadata is missing or malformed.
 */
export async function snapshotFetchedAt(dir: string): Promise<string> {
  const meta = await readSnapshotMeta(dir);
  if (meta === undefined) {
    throw new InputError(`cannot read ${join(dir, META)}: the snapshot's metadata is missing`);
  }
  return meta.fetchedAt;
}

async function readOptional(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** The sha256 of a file (a snapshot is only hashed here: it is never read whole), or undefined. */
async function optionalDigest(path: string): Promise<string | undefined> {
  return sha256File(path).catch(() => undefined);
}

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('internal: the diff stage needs the fetched tree');
  return value;
}

/**
 * `diff`: what changed between the snapshot published in `specs/<api>/` before this run and the
 * new one. Keyed by both snapshots and their meta files (the labels carry their dates). Nothing
 * published yet: nothing to compare, no diff.
 */
export const diffStage: StageDefinition = {
  name: 'diff',
  packageName: '@proxmox-openapi/api-diff',
  keyParts: async (state) => {
    const { snapshotDir, outDir } = state.job;
    const oldDigest = await optionalDigest(join(snapshotDir, state.target.outputs.snapshot));
    return [
      state.target.id,
      oldDigest ?? 'none',
      (await readOptional(join(snapshotDir, META))) ?? 'none',
      digestOf(state, 'snapshot'),
      (await readOptional(join(outDir, META))) ?? 'none',
    ];
  },
  async run(state) {
    const { snapshotDir, outDir } = state.job;
    const snapshot = state.target.outputs.snapshot;
    const oldDigest = await optionalDigest(join(snapshotDir, snapshot));
    if (oldDigest === undefined) return { data: null };
    const { diffApis, readSnapshotVersion, renderDiffMarkdown, snapshotLabel } = await apiDiffPackage();
    // The new snapshot's tree is the one the fetch stage staged; when the published snapshot has
    // the same bytes (offline, or nothing new upstream) it is the same tree, not parsed twice.
    const tree = need(state.tree);
    const after = { ...snapshotLabel(await snapshotFetchedAt(outDir), join(outDir, snapshot)), tree };
    const before =
      oldDigest === digestOf(state, 'snapshot')
        ? { ...snapshotLabel(await snapshotFetchedAt(snapshotDir), join(snapshotDir, snapshot)), tree }
        : await readSnapshotVersion(join(snapshotDir, snapshot), await snapshotFetchedAt(snapshotDir));
    const diff = diffApis(before.tree, after.tree, {
      api: state.target.id,
      from: { label: `published ${before.label}`, date: before.date },
      to: { label: `new ${after.label}`, date: after.date },
    });
    const data: TargetDiff = {
      summary: diff.summary,
      breaking: diff.changes.filter((c) => c.level === 'breaking'),
      markdown: renderDiffMarkdown(diff, 3),
    };
    return { data };
  },
  async apply(state, output) {
    const diff = output.data as TargetDiff | null;
    state.diff = diff ?? undefined;
    state.note = diff ? diff.summary.line : 'nothing published before: no diff';
  },
};

/** The names and hashes of a history folder's files: the folder's identity for the cache key. */
export async function historyIdentity(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  const parts: string[] = [];
  for (const name of names) parts.push(name, sha256(await readFile(join(dir, name))));
  return parts;
}

/**
 * `changelog`: for a product with a history folder, `CHANGELOG.md` and `changelog.json` from the
 * history and the new snapshot (api-diff's `buildRepositoryChangelog`), written beside the
 * snapshot so that the publish keeps them. A product without history (or a workspace without
 * the folder) gets none.
 */
export const changelogStage: StageDefinition = {
  name: 'changelog',
  packageName: '@proxmox-openapi/api-diff',
  keyParts: async (state) => {
    const dir = state.job.historyDir;
    if (dir === undefined || !(await isFolder(dir))) return [state.target.id, 'no history'];
    return [
      state.target.id,
      ...(await historyIdentity(dir)),
      digestOf(state, 'snapshot'),
      (await readOptional(join(state.job.outDir, META))) ?? 'none',
    ];
  },
  async run(state) {
    const dir = state.job.historyDir;
    if (dir === undefined || !(await isFolder(dir))) return { data: null };
    const { buildRepositoryChangelog, changelogPaths } = await apiDiffPackage();
    const { outDir } = state.job;
    const built = await buildRepositoryChangelog(
      changelogPaths(state.target.id, outDir, dir),
      await snapshotFetchedAt(outDir),
    );
    return {
      data: { sections: built.changelog.sections.length },
      files: { [SPECS_LAYOUT.changelogMarkdown]: built.markdown, [SPECS_LAYOUT.changelogJson]: built.json },
    };
  },
  async apply(state: TargetState, output) {
    const data = output.data as { sections: number } | null;
    if (!data) {
      state.note = state.job.historyDir === undefined ? 'no history for this API' : 'no history folder';
      return;
    }
    for (const name of CHANGELOG_FILES) {
      const bytes = output.files[name];
      if (!bytes) throw new Error(`internal: the changelog stage's output lacks ${name}`);
      await writeFile(join(state.job.outDir, name), bytes);
    }
    state.extraFiles = [...(state.extraFiles ?? []), ...CHANGELOG_FILES];
    state.note = `${data.sections} section(s)`;
  },
};
