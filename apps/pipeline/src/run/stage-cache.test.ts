import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentKey } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import { StageCache } from './stage-cache.js';

const key = contentKey(['generate', 'pve', 'v1']);

async function freshCache(): Promise<StageCache> {
  return new StageCache(await mkdtemp(join(tmpdir(), 'stage-cache-')), true);
}

describe('the stage cache', () => {
  it('replays what was stored under a key', async () => {
    const cache = await freshCache();
    expect(await cache.get('generate', key)).toEqual({ hit: false, reason: 'absent' });
    await cache.put('generate', key, { data: { paths: 3 }, files: { 'doc.json': '{"a":1}' } });
    const found = await cache.get('generate', key);
    expect(found.hit).toBe(true);
    if (!found.hit) return;
    expect(found.output.data).toEqual({ paths: 3 });
    expect(Buffer.from(found.output.files['doc.json'] ?? '').toString('utf8')).toBe('{"a":1}');
  });

  it('neither reads nor writes when disabled (--no-cache)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stage-cache-'));
    const cache = new StageCache(dir, false);
    await cache.put('generate', key, { files: { 'doc.json': 'x' } });
    expect(await readdir(dir)).toEqual([]);
    expect(await cache.get('generate', key)).toEqual({ hit: false, reason: 'disabled' });
  });

  it.each([
    ['a flipped byte in an output', (dir: string) => writeFile(join(dir, 'files', 'doc.json'), '{"a":2}')],
    ['a truncated output', (dir: string) => writeFile(join(dir, 'files', 'doc.json'), '{"a"')],
    ['a missing output', (dir: string) => rm(join(dir, 'files', 'doc.json'))],
    ['a damaged record', (dir: string) => writeFile(join(dir, 'entry.json'), '{"format":1,')],
    ['a missing record', (dir: string) => rm(join(dir, 'entry.json'))],
  ])('ignores and removes an entry with %s', async (_name, damage) => {
    const cache = await freshCache();
    await cache.put('generate', key, { data: 1, files: { 'doc.json': '{"a":1}' } });
    const entry = join(cache.dir, 'generate', key);
    await damage(entry);
    const found = await cache.get('generate', key);
    expect(found.hit).toBe(false);
    expect(await readdir(join(cache.dir, 'generate'))).toEqual([]);
    // Rebuilt afterwards like any miss.
    await cache.put('generate', key, { data: 2, files: { 'doc.json': 'new' } });
    const again = await cache.get('generate', key);
    expect(again.hit && again.output.files['doc.json']?.toString()).toBe('new');
  });

  it('refuses keys and names that are not plain', async () => {
    const cache = await freshCache();
    await expect(cache.get('generate', '../x')).rejects.toThrow(/sha256/);
    await expect(cache.put('generate', key, { files: { '../escape': 'x' } })).rejects.toThrow(/plain/);
    expect(await readdir(join(cache.dir, 'generate'))).toEqual([]);
  });

  it('keeps the first entry when the same key is stored twice', async () => {
    const cache = await freshCache();
    await cache.put('stats', key, { data: 'first' });
    await cache.put('stats', key, { data: 'second' });
    const found = await cache.get('stats', key);
    expect(found.hit && found.output.data).toBe('first');
    expect(JSON.parse(await readFile(join(cache.dir, 'stats', key, 'entry.json'), 'utf8')).data).toBe(
      'first',
    );
  });

  it('sweeps the temporary folders of dead writers only', async () => {
    const cache = await freshCache();
    await cache.put('stats', key, { data: 1 });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(cache.dir, 'stats', '.tmp-999999999-abc'));
    await mkdir(join(cache.dir, 'stats', `.tmp-${process.pid}-def`));
    await cache.sweep();
    expect((await readdir(join(cache.dir, 'stats'))).sort()).toEqual([`.tmp-${process.pid}-def`, key].sort());
  });
});
