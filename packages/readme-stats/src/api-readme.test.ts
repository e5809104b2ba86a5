import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TARGETS, getApiTarget, readSnapshotMeta, snapshotSourceDate } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import { apiReadme, outdatedBanner, withOutdatedLines } from './api-readme.js';
import { computeStats } from './compute-stats.js';
import { STATS_END, STATS_START } from './markers.js';
import { META } from './test-support/stats-fixtures.js';

const SPECS = fileURLToPath(new URL('../../../specs/', import.meta.url));

/** The statistics of a committed folder of `specs/`, from its files and the manifest, as a run computes them. */
async function committedStats(id: string) {
  const target = getApiTarget(id);
  const folder = join(SPECS, id);
  const json = await readFile(join(folder, target.outputs.json));
  const yaml = await readFile(join(folder, target.outputs.yaml));
  const meta = await readSnapshotMeta(folder);
  const manifest = JSON.parse(await readFile(join(SPECS, 'manifest.json'), 'utf8'));
  if (!meta) throw new Error(`${folder} has no snapshot metadata`);
  return computeStats(JSON.parse(json.toString('utf8')), {
    api: id,
    sourceUrl: meta.url,
    sourceSha256: meta.sha256,
    sourceDate: snapshotSourceDate(meta),
    generatorVersion: manifest.apis[id].generator,
    jsonBytes: json.length,
    yamlBytes: yaml.length,
  });
}

describe('the README of an API folder', () => {
  it.each(API_TARGETS.map((t) => [t.id] as const))(
    'is, for %s, the committed specs/<id>/README.md byte for byte',
    async (id) => {
      const committed = await readFile(join(SPECS, id, 'README.md'), 'utf8');
      expect(apiReadme(await committedStats(id), getApiTarget(id))).toBe(committed);
    },
  );

  it('names an API outside the registry by its title, with its files and the markers filled', () => {
    const text = apiReadme({
      ...computeStats({ info: { title: 'Some Product' }, paths: {} }, META),
      api: 'xyz',
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('# Some Product API: OpenAPI documents');
    expect(lines[2]).toBe(
      '`xyz-api.json` and `xyz-api.yaml` describe the Some Product API. `apidoc.json` is the API viewer schema',
    );
    expect(text).toContain('they were generated from, of 2026-08-16;');
    expect(text).not.toContain('## Authentication');
    const start = text.indexOf(STATS_START);
    expect(start).toBeGreaterThan(0);
    expect(text.indexOf(STATS_END)).toBeGreaterThan(start + STATS_START.length + 1);
  });

  it('carries the outdated banner of a product whose snapshot is known to be old', () => {
    const outdated = API_TARGETS.find((t) => t.snapshot.outdated !== undefined);
    expect(outdated).toBeDefined();
    if (!outdated) return;
    const banner = outdatedBanner(outdated, outdated.snapshot.date);
    expect(banner).toMatch(/^> \*\*WARNING: OUTDATED SCHEMA/);
    const stats = computeStats({ paths: {} }, { ...META, sourceDate: outdated.snapshot.date });
    const text = apiReadme({ ...stats, api: outdated.id }, outdated);
    expect(text.split('\n')[2]).toBe(banner);
    expect(withOutdatedLines(`a\n${STATS_START}\nrows\n${STATS_END}\n`, [banner ?? ''])).toBe(
      `a\n${STATS_START}\nrows\n${banner}\n\n${STATS_END}\n`,
    );
  });
});
