import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiTree, InputError, ParseError, parseApidoc } from '@proxmox-openapi/core';
import { APIDOC_FIXTURES, loadFixtureText } from '@proxmox-openapi/test-fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from './snapshot.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apidoc-snapshot-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const meta = {
  url: 'https://pve.proxmox.com/pve-docs/api-viewer/apidoc.js',
  sha256: 'a'.repeat(64),
  fetchedAt: '2026-08-16T10:00:00.000Z',
  etag: '"abc"',
};

describe('snapshots', () => {
  it.each(APIDOC_FIXTURES.map((f) => [f.file, f] as const))(
    'round-trips %s with identical bytes',
    async (_, f) => {
      const tree = parseApidoc(loadFixtureText(f.file));
      const target = join(dir, 'specs', f.api);
      await writeSnapshot(target, tree, meta);
      const first = await readFile(join(target, 'apidoc.json'));
      const read = await readSnapshot(target);
      expect(read.tree).toEqual(tree);
      expect(read.meta).toEqual(meta);
      expect(read.text).toBe(first.toString('utf8'));
      // Writing what was read gives the same bytes: the format is deterministic.
      await writeSnapshot(target, read.tree, { ...meta });
      expect((await readFile(join(target, 'apidoc.json'))).equals(first)).toBe(true);
      expect(first.toString('utf8')).toBe(
        `${JSON.stringify(JSON.parse(loadFixtureText(f.file)), null, 2)}\n`,
      );
      expect((await readdir(target)).sort()).toEqual(['apidoc.json', 'apidoc.meta.json']);
    },
  );

  it('writes the metadata with a fixed key order and no absent keys', async () => {
    const tree: ApiTree = [{ path: '/a', text: 'a', leaf: 1 }];
    await writeSnapshot(dir, tree, { lastModified: 'x', fetchedAt: 't', sha256: 's', url: 'u' });
    expect(await readFile(join(dir, 'apidoc.meta.json'), 'utf8')).toBe(
      '{\n  "url": "u",\n  "sha256": "s",\n  "fetchedAt": "t",\n  "lastModified": "x"\n}\n',
    );
  });

  it('reads a snapshot without metadata', async () => {
    await writeFile(join(dir, 'apidoc.json'), '[{"path": "/a", "text": "a"}]\n');
    const read = await readSnapshot(dir);
    expect(read.meta).toBeUndefined();
    expect(read.tree).toHaveLength(1);
  });

  it('refuses a missing snapshot, a broken one and malformed metadata', async () => {
    await expect(readSnapshot(join(dir, 'none'))).rejects.toThrow(InputError);
    await expect(readSnapshot(join(dir, 'none'))).rejects.toThrow(
      /cannot read the snapshot .*apidoc\.json: ENOENT/,
    );
    await writeFile(join(dir, 'apidoc.json'), '[{"path": "/a", "text": "a"}');
    await expect(readSnapshot(dir)).rejects.toThrow(ParseError);
    await writeFile(join(dir, 'apidoc.json'), '[{"path": "/a", "text": "a"}]');
    await writeFile(join(dir, 'apidoc.meta.json'), '{"url": 1}');
    await expect(readSnapshot(dir)).rejects.toThrow(/is not snapshot metadata/);
  });
});
