import { copyFile, link, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_TARGETS, getApiTarget, SPECS_LAYOUT, writeFileAtomic } from '@proxmox-openapi/core';
import {
  apiReadme,
  outdatedBanner,
  type SpecStats,
  STATS_END,
  STATS_START,
  updateReadme,
  withOutdatedLines,
} from '@proxmox-openapi/readme-stats';
import type { TargetOutcome } from '../engines/engine.js';
import { checkpoint } from '../run/kill-point.js';
import { refuseForeignEntries } from './foreign-entries.js';
import { buildManifest, formatManifest, type Manifest, type ManifestApi, readManifest } from './manifest.js';
import type { Staging } from './publish.js';
import { rebuildApiEntry } from './rebuild-entry.js';

/** Hard-links a file or folder (a file set of an API this run does not build) into the staged tree. */
async function linkTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true }).catch(() => undefined);
  if (!entries) {
    try {
      await link(from, to);
    } catch {
      // A file system without hard links: a copy is as good, only larger.
      await copyFile(from, to);
    }
    return;
  }
  await mkdir(to, { recursive: true });
  for (const entry of entries) await linkTree(join(from, entry.name), join(to, entry.name));
}

/** What rebuilt entries say about their generator: the files do not name it. */
const UNKNOWN_GENERATOR = 'unknown (entry rebuilt from the files)';

/**
 * Completes the staged `specs/` tree after every target succeeded: the file sets of the APIs
 * this run did not build are carried over from the current `specs/` (so the swap replaces the
 * whole folder without losing them), each built API gets its README (written anew), and the
 * manifest lists every file. Each disk change is a crash-test checkpoint.
 *
 * Anything in `specs/` that is not a regular file or folder is refused before a file is
 * linked. The previous manifest is read through its schema: a damaged one is reported
 * (`warn`) and the carried-over APIs' entries are rebuilt from their files, as is any single
 * entry that lacks its statistics.
 */
export async function assembleStaged(
  staging: Staging,
  outcomes: readonly TargetOutcome[],
  generator: string,
  options: { specsLabel?: string; warn?: (message: string) => void } = {},
): Promise<Manifest> {
  const specsLabel = options.specsLabel ?? staging.specsDir;
  await refuseForeignEntries(staging.specsDir, specsLabel);
  const built = new Set<string>(outcomes.map((o) => o.api));
  const previous = await readManifest(staging.specsDir);
  if (previous.state === 'damaged') {
    options.warn?.(
      `${specsLabel}/${SPECS_LAYOUT.manifest} is damaged (${previous.problem}): it was rebuilt from the files`,
    );
  }
  const apis: Record<string, ManifestApi> = {};
  const current = await readdir(staging.specsDir).catch(() => [] as string[]);
  for (const name of current.sort()) {
    if (name === SPECS_LAYOUT.manifest || built.has(name)) continue;
    const from = join(staging.specsDir, name);
    await linkTree(from, join(staging.newDir, name));
    checkpoint(`carried over ${name}`);
    const kept = previous.state === 'ok' ? previous.manifest.apis[name] : undefined;
    if (kept?.stats) {
      apis[name] = kept;
      continue;
    }
    if (previous.state === 'ok' && !kept) continue;
    // A damaged manifest, or an entry without its statistics: rebuilt from the files.
    const rebuilt = await rebuildApiEntry(from, name, kept?.generator ?? UNKNOWN_GENERATOR);
    if (rebuilt) apis[name] = rebuilt;
    else if (kept) apis[name] = kept;
  }
  for (const outcome of outcomes) {
    const target = getApiTarget(outcome.api);
    const source = outcome.source;
    if (!source) throw new Error(`internal: ${outcome.api} succeeded without a source`);
    const entry: ManifestApi = {
      name: target.name,
      source: { url: source.url, sha256: source.sha256, fetchedAt: source.fetchedAt },
      generator,
    };
    if (outcome.stats) entry.stats = outcome.stats;
    apis[outcome.api] = entry;
    const readmePath = join(staging.newDir, outcome.api, SPECS_LAYOUT.readme);
    if (!outcome.stats) throw new Error(`internal: ${outcome.api} succeeded without statistics`);
    await writeFile(readmePath, apiReadme(outcome.stats, target));
    checkpoint(`README of ${outcome.api}`);
  }
  const manifest = await buildManifest(staging.newDir, apis);
  await writeFile(join(staging.newDir, SPECS_LAYOUT.manifest), formatManifest(manifest));
  checkpoint('manifest');
  return manifest;
}

/** The statistics of every API in a manifest, in the registry's order (for the root README table). */
export function manifestStats(manifest: Manifest): SpecStats[] {
  return API_TARGETS.map((t) => manifest.apis[t.id]?.stats).filter((s): s is SpecStats => s !== undefined);
}

/**
 * Refreshes the statistics table of the root README beside `specs/`, when there is one with
 * the markers; returns whether it changed. Outside `specs/`, so not part of the atomic swap;
 * written atomically on its own, after the swap, from the manifest that was just published.
 */
export async function updateRootReadme(path: string, manifest: Manifest): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined || !text.includes(STATS_START) || !text.includes(STATS_END)) return false;
  const stats = manifestStats(manifest);
  if (stats.length === 0) return false;
  const banners = stats.flatMap((s) => {
    const target = API_TARGETS.find((t) => t.id === s.api);
    const banner = target ? outdatedBanner(target, s.sourceDate) : undefined;
    return banner === undefined ? [] : [banner];
  });
  const updated = withOutdatedLines(updateReadme(text, stats), banners);
  if (updated === text) return false;
  await writeFileAtomic(path, updated);
  return true;
}
