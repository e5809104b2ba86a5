import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { contentKey, getApiTarget, MAX_APIDOC_FILE_BYTES, sha256 } from '@proxmox-openapi/core';
import type { TimedOutcome } from '../report/progress.js';
import { historyIdentity } from './diff-stages.js';
import type { PipelineOptions } from './pipeline-options.js';
import { planSource } from './pipeline-options.js';
import type { StageCache } from './stage-cache.js';
import { stageVersion } from './stage-version.js';
import { TARGET_STAGES } from './stages.js';

/*
 * "Nothing changed": the record of the last publish, so that a run whose inputs are the same as
 * that run's, over the `specs/` that run left, does no work at all.
 *
 * After a run has published (offline or from files: a live source must be fetched to be known),
 * it writes `<cache>/unchanged/<specs folder's hash>.json`: the key of its inputs, its outcomes
 * (what the report and the summary table show), and a stamp of everything it left — `specs/` and
 * every entry below it, and the root README — with size, modification and change time and inode. The next run
 * computes the key of its own inputs (the options, the source files' sha256, each stage package's
 * version and code fingerprint, the history folders' hashes), and when the key and every stamp
 * match, and the stage-cache entries of that run are still there with their records intact, it
 * reports those outcomes and leaves `specs/` as it is.
 *
 * The trade-off: the published bytes are not hashed again, the stamps stand for them. Any write
 * to a file changes its modification and change time (and a publish gives new inodes), so an
 * edit, a checkout, a copy or a half-finished publish is seen; what is not seen is a change that
 * keeps the size and puts both times back, which takes changing the clock. Anything that does not
 * match is no error: the run simply goes the whole way (the stage cache then checks every byte it
 * replays), and writes a new record.
 */

const FORMAT = 'proxmox-openapi-unchanged/1';

/** An entry's identity without reading it. */
interface Stamp {
  path: string;
  /** `file`, `dir`, or `other` (a link, a device): anything but a file or folder in `specs/` is the stages' to refuse. */
  kind: 'file' | 'dir' | 'other';
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

interface UnchangedRecord {
  format: typeof FORMAT;
  key: string;
  stamps: Stamp[];
  outcomes: TimedOutcome[];
}

/** The record file's text: the record and the sha256 of its JSON, checked like a cache entry. */
interface RecordFile {
  record: UnchangedRecord;
  sha256: string;
}

function recordPath(options: PipelineOptions): string {
  return join(options.cacheDir, 'unchanged', `${sha256(resolve(options.specsDir))}.json`);
}

/** Whether a run with these options can be decided from the record: no network, no release, no site. */
export function canSkip(options: PipelineOptions): boolean {
  return (
    options.cache &&
    !options.publish &&
    !options.site &&
    options.apis.every((api) => planSource(api, options).kind !== 'live')
  );
}

/** The key of a run's inputs, everything but the published files (those are stamped). */
async function inputsKey(options: PipelineOptions): Promise<string> {
  const parts: string[] = [FORMAT, options.openapi, resolve(options.specsDir), ...[...options.apis].sort()];
  // The app and core, then every package a stage runs (from the stage list, so that a new stage's
  // package is part of the key without being named twice).
  const packages = new Set(['@proxmox-openapi/pipeline', '@proxmox-openapi/core']);
  for (const stage of TARGET_STAGES) packages.add(stage.packageName);
  for (const name of packages) {
    const version = await stageVersion(name);
    parts.push(version.name, version.version, version.fingerprint);
  }
  for (const api of [...options.apis].sort()) {
    const plan = planSource(api, options);
    parts.push(api, plan.kind);
    if (plan.kind === 'file') {
      // Only a regular file of an apidoc's size is read here: a pipe, a device or a huge file is
      // the fetch stage's to refuse, and such a run is never "unchanged".
      const stats = await stat(plan.path);
      if (!stats.isFile() || stats.size > MAX_APIDOC_FILE_BYTES) throw new Error('not a plain file');
      parts.push(plan.path, String(stats.size), sha256(await readFile(plan.path)));
    }
    const history = getApiTarget(api).historyDir;
    if (history !== undefined) {
      const identity = await historyIdentity(join(options.root, history)).catch(() => ['no history']);
      parts.push(...identity);
    }
  }
  return contentKey(parts);
}

/**
 * The stamps of `specs/` itself, of every entry below it (a folder's times change when an entry
 * is added or removed, so a new file or link is seen too) and of the root README beside it.
 */
async function stamps(options: PipelineOptions): Promise<Stamp[]> {
  const result: Stamp[] = [];
  const add = async (path: string): Promise<void> => {
    const stats = await lstat(path).catch(() => undefined);
    if (!stats) return;
    const kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'dir' : 'other';
    result.push({
      path,
      kind,
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      ctimeMs: stats.ctimeMs,
      ino: stats.ino,
    });
    if (kind === 'dir') {
      for (const name of (await readdir(path)).sort()) await add(join(path, name));
    }
  };
  await add(options.specsDir);
  await add(join(dirname(options.specsDir), 'README.md'));
  return result;
}

function sameStamps(a: readonly Stamp[], b: readonly Stamp[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const t = b[i];
    return (
      t !== undefined &&
      s.path === t.path &&
      s.kind === t.kind &&
      s.size === t.size &&
      s.mtimeMs === t.mtimeMs &&
      s.ctimeMs === t.ctimeMs &&
      s.ino === t.ino
    );
  });
}

/**
 * The outcomes of the last publish when nothing changed since (see the top of this file), else
 * undefined. The replayed outcomes say that every keyed stage came from the cache.
 */
export async function findUnchanged(
  options: PipelineOptions,
  cache: StageCache,
): Promise<TimedOutcome[] | undefined> {
  if (!canSkip(options)) return undefined;
  // Whatever cannot be read here (a source file that is gone, a history folder that cannot be
  // listed) is for the stages to report: this only decides whether they need to run.
  return lookUp(options, cache).catch(() => undefined);
}

async function lookUp(options: PipelineOptions, cache: StageCache): Promise<TimedOutcome[] | undefined> {
  let file: RecordFile;
  try {
    file = JSON.parse(await readFile(recordPath(options), 'utf8')) as RecordFile;
  } catch {
    return undefined;
  }
  const record = file?.record;
  if (
    record?.format !== FORMAT ||
    !Array.isArray(record.stamps) ||
    !Array.isArray(record.outcomes) ||
    file.sha256 !== sha256(JSON.stringify(record))
  ) {
    return undefined;
  }
  if (record.key !== (await inputsKey(options))) return undefined;
  if (!sameStamps(record.stamps, await stamps(options))) return undefined;
  const apis = record.outcomes.map((o) => o.api);
  if (apis.length !== options.apis.length || !options.apis.every((api) => apis.includes(api)))
    return undefined;
  // The stage cache's entries of that run must still be there and intact (their records, data
  // included): a run that is told "all replayed from the cache" must have a cache to replay.
  for (const outcome of record.outcomes) {
    for (const stage of outcome.stages) {
      if (stage.key !== undefined && !(await cache.isIntact(stage.stage, stage.key))) return undefined;
    }
  }
  return record.outcomes.map((o) => ({
    ...o,
    durationMs: 0,
    stages: o.stages.map((s) => ({ ...s, durationMs: 0, cached: s.key !== undefined })),
  }));
}

/** Forgets the record before `specs/` changes: a run that dies half-way leaves none behind. */
export async function forgetUnchanged(options: PipelineOptions): Promise<void> {
  // A cache that cannot be used (a file where its folder should be) holds no record to forget;
  // and a record that outlives a publish no longer matches its stamps (a publish gives new inodes).
  await rm(recordPath(options), { force: true }).catch(() => {});
}

/** Writes the record of a run that has just published (when a later run could use it). */
export async function recordUnchanged(
  options: PipelineOptions,
  outcomes: readonly TimedOutcome[],
): Promise<void> {
  if (!canSkip(options)) return;
  const record: UnchangedRecord = {
    format: FORMAT,
    key: await inputsKey(options),
    stamps: await stamps(options),
    outcomes: [...outcomes],
  };
  const path = recordPath(options);
  await mkdir(dirname(path), { recursive: true });
  // Named like the stage cache's temporary folders, so that the sweep removes a dead run's leftover.
  const temp = join(dirname(path), `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const text: RecordFile = { record, sha256: sha256(JSON.stringify(record)) };
  await writeFile(temp, JSON.stringify(text));
  await rename(temp, path);
}
