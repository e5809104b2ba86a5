import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTarGz } from './tar.js';

describe('the tar writer', () => {
  it('writes an archive that the system tar extracts byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tar-'));
    const long = `${'deep/'.repeat(30)}file.txt`;
    const entries = [
      { path: 'specs/manifest.json', data: Buffer.from('{"a":1}\n') },
      { path: 'specs/pve/empty.txt', data: Buffer.alloc(0) },
      { path: 'specs/pve/block.bin', data: Buffer.alloc(512, 7) },
      { path: long, data: Buffer.from('ü and more') },
    ];
    const archive = join(dir, 'out.tar.gz');
    await writeFile(archive, createTarGz(entries));
    const listing = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(entries.map((e) => e.path));
    execFileSync('tar', ['-xzf', archive, '-C', dir]);
    for (const entry of entries) expect(await readFile(join(dir, entry.path))).toEqual(entry.data);
  });

  it('gives the same bytes for the same files', () => {
    const entries = [{ path: 'a.txt', data: Buffer.from('a') }];
    expect(createTarGz(entries).equals(createTarGz(entries))).toBe(true);
  });
});
