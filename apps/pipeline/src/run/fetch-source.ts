import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fetchApidoc, readApidocFile, readSnapshot } from '@proxmox-openapi/apidoc-fetch';
import {
  type ApiTarget,
  type ApiTree,
  describeError,
  InputError,
  NetworkError,
  readSnapshotMeta,
  redactUrl,
  type SnapshotMeta,
  SPECS_LAYOUT,
  sha256,
  silentLogger,
} from '@proxmox-openapi/core';
import type { SourceInfo, TargetJob } from '../engines/engine.js';

/** A source as the fetch stage obtained it: the tree and the metadata that goes with the snapshot. */
export interface ObtainedSource {
  tree: ApiTree;
  /** What `writeSnapshot` stores beside the tree (`apidoc.meta.json`). */
  meta: SnapshotMeta;
  info: SourceInfo;
}

/**
 * The fetch policy of one target (see `SourcePlan`): a live download, a local file, or the
 * committed snapshot; a failed live download falls back to the snapshot unless the plan is
 * strict, and says so in `info.fallbackReason` (the run prints it as a loud warning).
 */
export async function obtainSource(
  job: TargetJob,
  target: ApiTarget,
  signal?: AbortSignal,
): Promise<ObtainedSource> {
  const plan = job.source;
  if (plan.kind === 'snapshot') return fromSnapshot(job, target);
  if (plan.kind === 'file') {
    const path = resolve(plan.path);
    const read = await readApidocFile(path);
    const fetchedAt = (await stat(path)).mtime.toISOString();
    const url = pathToFileURL(path).href;
    return {
      tree: read.tree,
      meta: { url, sha256: read.sha256, fetchedAt },
      info: { origin: 'file', url, sha256: read.sha256, fetchedAt },
    };
  }
  let fetched: Awaited<ReturnType<typeof fetchApidoc>>;
  try {
    fetched = await fetchApidoc(target, {
      url: plan.url,
      connectTimeoutMs: job.network.connectTimeoutMs,
      timeoutMs: job.network.timeoutMs,
      retries: job.network.retries,
      cacheDir: job.downloadCacheDir,
      logger: silentLogger,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const cause = describeError(error);
    if (plan.strict) {
      throw new NetworkError(
        `the live fetch of ${redactUrl(plan.url)} failed (${cause}) and --strict-fetch forbids falling back to the snapshot`,
        { api: target.id, stage: 'fetch', cause: error },
      );
    }
    return fromSnapshot(job, target, cause);
  }
  // An unchanged schema keeps the metadata of the snapshot it matches, so that a refresh that
  // found nothing new leaves every published byte as it was (and opens no pull request).
  const previous = await previousMeta(job.snapshotDir);
  const meta =
    previous && previous.sha256 === fetched.sha256
      ? previous
      : {
          url: fetched.url,
          sha256: fetched.sha256,
          fetchedAt: fetched.fetchedAt,
          ...(fetched.etag ? { etag: fetched.etag } : {}),
          ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
        };
  return {
    tree: fetched.tree,
    meta,
    info: {
      origin: 'live',
      url: fetched.url,
      sha256: fetched.sha256,
      fetchedAt: meta.fetchedAt,
      ...(meta.lastModified ? { lastModified: meta.lastModified } : {}),
      ...(fetched.notModified ? { notModified: true } : {}),
    },
  };
}

/** The committed snapshot's metadata; none when it is missing or unreadable (a fresh one is written). */
async function previousMeta(dir: string): Promise<SnapshotMeta | undefined> {
  return readSnapshotMeta(dir).catch(() => undefined);
}

async function fromSnapshot(
  job: TargetJob,
  target: ApiTarget,
  fallbackReason?: string,
): Promise<ObtainedSource> {
  let snapshot: Awaited<ReturnType<typeof readSnapshot>>;
  try {
    snapshot = await readSnapshot(job.snapshotDir);
  } catch (error) {
    const why = fallbackReason
      ? `the live fetch failed (${fallbackReason}) and there is no usable snapshot`
      : 'there is no usable snapshot for --offline';
    throw new InputError(`${why}: ${describeError(error)}`, {
      api: target.id,
      stage: 'fetch',
      cause: error,
    });
  }
  const meta = snapshot.meta ?? {
    url: target.apidocUrl,
    sha256: sha256(snapshot.text),
    fetchedAt: (await stat(join(job.snapshotDir, SPECS_LAYOUT.snapshot))).mtime.toISOString(),
  };
  const info: SourceInfo = {
    origin: 'snapshot',
    url: meta.url,
    sha256: meta.sha256,
    fetchedAt: meta.fetchedAt,
  };
  if (meta.lastModified !== undefined) info.lastModified = meta.lastModified;
  if (fallbackReason !== undefined) info.fallbackReason = fallbackReason;
  return { tree: snapshot.tree, meta, info };
}

/** The one-line, loud warning for a snapshot fallback. */
export function fallbackWarning(
  target: ApiTarget,
  url: string,
  info: SourceInfo,
  snapshotDir: string,
  displayRoot = process.cwd(),
): string {
  return `${target.id.toUpperCase()}: the live fetch of ${redactUrl(url)} FAILED (${info.fallbackReason}); USING THE COMMITTED SNAPSHOT ${displayPath(`${snapshotDir}/apidoc.json`, displayRoot)} of ${info.fetchedAt.slice(0, 10)} (fetched ${info.fetchedAt}) instead. The ${target.name} documents may be out of date; --strict-fetch makes this an error.`;
}

/** A path as messages show it: relative to `root` when it lies inside, else absolute. */
export function displayPath(path: string, root: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
