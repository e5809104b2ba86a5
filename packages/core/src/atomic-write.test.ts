import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

// A disk that is full while `full.on`: every FileHandle.writeFile fails as Node reports it.
const full = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      if (!full.on) return handle;
      return Object.assign(Object.create(handle) as typeof handle, {
        writeFile: async () => {
          throw Object.assign(new Error('EFBIG: file too large, write'), { code: 'EFBIG', errno: -27 });
        },
        close: () => handle.close(),
        sync: () => handle.sync(),
      });
    },
  };
});

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

describe('writeFileAtomic on a full disk', () => {
  it('names the file when the write itself fails (EFBIG, ENOSPC carry no path)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomic-'));
    const file = join(dir, 'out.json');
    await writeFile(file, 'old');
    // The error Node gives for a write past RLIMIT_FSIZE or on a full disk: no path in it.
    full.on = true;
    try {
      const error = await writeFileAtomic(file, 'new').catch((e: unknown) => e);
      expect((error as NodeJS.ErrnoException).code).toBe('EFBIG');
      expect((error as Error).message).toBe(`EFBIG: file too large, write (writing ${file})`);
    } finally {
      full.on = false;
    }
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['out.json']);
  });
});
