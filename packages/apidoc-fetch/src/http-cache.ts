import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, type Logger, sha256, writeFileAtomic } from '@proxmox-openapi/core';

/** A downloaded apidoc kept for conditional requests: its text and the validators the server sent. */
export interface CacheEntry {
  url: string;
  text: string;
  sha256: string;
  etag?: string;
  lastModified?: string;
}

interface CacheMeta {
  url: string;
  sha256: string;
  etag?: string;
  lastModified?: string;
}

/** The two files of a URL's entry; the name hashes the URL, so any URL maps to a safe file name. */
function entryPaths(dir: string, url: string): { body: string; meta: string } {
  const base = join(dir, `apidoc-${sha256(url).slice(0, 16)}`);
  return { body: `${base}.js`, meta: `${base}.meta.json` };
}

/**
 * Reads the cached copy of a URL. A missing, partial or inconsistent entry (the body's hash
 * does not match its metadata) is no entry: the download then starts unconditionally.
 */
export async function readCacheEntry(
  dir: string,
  url: string,
  logger: Logger,
): Promise<CacheEntry | undefined> {
  const paths = entryPaths(dir, url);
  let meta: CacheMeta;
  let text: string;
  try {
    meta = JSON.parse(await readFile(paths.meta, 'utf8')) as CacheMeta;
    text = await readFile(paths.body, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      logger.debug(`ignoring the cached copy of ${url}: ${describeError(error)}`);
    }
    return undefined;
  }
  if (typeof meta !== 'object' || meta === null || meta.url !== url || meta.sha256 !== sha256(text)) {
    logger.debug(`ignoring the cached copy of ${url}: it does not match its metadata`);
    return undefined;
  }
  const entry: CacheEntry = { url, text, sha256: meta.sha256 };
  if (typeof meta.etag === 'string') entry.etag = meta.etag;
  if (typeof meta.lastModified === 'string') entry.lastModified = meta.lastModified;
  return entry;
}

/** Stores a checked download: the body first, then the metadata that vouches for it, each atomically. */
export async function writeCacheEntry(dir: string, entry: CacheEntry): Promise<void> {
  const paths = entryPaths(dir, entry.url);
  const meta: CacheMeta = { url: entry.url, sha256: entry.sha256 };
  if (entry.etag !== undefined) meta.etag = entry.etag;
  if (entry.lastModified !== undefined) meta.lastModified = entry.lastModified;
  await writeFileAtomic(paths.body, entry.text);
  await writeFileAtomic(paths.meta, `${JSON.stringify(meta, null, 2)}\n`);
}
