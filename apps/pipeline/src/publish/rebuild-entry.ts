import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getApiTarget, isApiId, readSnapshotMeta, snapshotSourceDate } from '@proxmox-openapi/core';
import type { ManifestApi } from './manifest.js';
import { checkManifestApi } from './manifest-schema.js';

/**
 * Rebuilds the manifest entry of an API whose files are carried over, from those files: the
 * source from `apidoc.meta.json`, the statistics from the published JSON and YAML documents.
 * Used when the previous manifest is damaged or its entry for the API is incomplete, so that
 * a carried-over API keeps a whole entry instead of losing it or crashing on it later.
 * @returns undefined when the files do not allow it (no snapshot metadata, no document).
 */
export async function rebuildApiEntry(
  apiDir: string,
  id: string,
  generator: string,
): Promise<ManifestApi | undefined> {
  if (!isApiId(id)) return undefined;
  const target = getApiTarget(id);
  try {
    const meta = await readSnapshotMeta(apiDir);
    if (meta === undefined) return undefined;
    const json = await readFile(join(apiDir, target.outputs.json), 'utf8');
    const yaml = await readFile(join(apiDir, target.outputs.yaml), 'utf8').catch(() => '');
    const { url, sha256, fetchedAt } = meta;
    const { computeStats } = await import('@proxmox-openapi/readme-stats');
    const stats = computeStats(JSON.parse(json), {
      api: id,
      sourceUrl: url,
      sourceSha256: sha256,
      sourceDate: snapshotSourceDate(meta),
      generatorVersion: generator,
      jsonBytes: Buffer.byteLength(json),
      yamlBytes: Buffer.byteLength(yaml),
    });
    const entry: ManifestApi = { name: target.name, source: { url, sha256, fetchedAt }, generator, stats };
    return checkManifestApi(entry, id) === undefined ? entry : undefined;
  } catch {
    return undefined;
  }
}
