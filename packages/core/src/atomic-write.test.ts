import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

describe('writeFileAtomic', () => {
  it('replaces a file and leaves no temporary file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomic-'));
    const file = join(dir, 'nested', 'out.json');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, 'second');
    expect(await readFile(file, 'utf8')).toBe('second');
    expect(await readdir(join(dir, 'nested'))).toEqual(['out.json']);
  });

  it('keeps the old content when the write fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomic-'));
    const file = join(dir, 'out.txt');
    await writeFile(file, 'old');
    // A directory in the way of the rename makes the final step fail after the data was written.
    await expect(writeFileAtomic(join(dir, 'out.txt', 'x'), 'new')).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['out.txt']);
  });
});
