import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { readInputFile } from './read-input-file.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-input-'));
  execFileSync('mkfifo', [join(dir, 'pipe')]);
  await symlink('/dev/zero', join(dir, 'zero-link'));
  await symlink(join(dir, 'pipe'), join(dir, 'pipe-link'));
  await writeFile(join(dir, 'small.txt'), 'hello\n');
  await symlink(join(dir, 'small.txt'), join(dir, 'small-link'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const MIB = 1024 * 1024;

describe('readInputFile', () => {
  it('reads a regular file, through a link too', async () => {
    expect((await readInputFile(join(dir, 'small.txt'), { maxBytes: 6 })).toString()).toBe('hello\n');
    expect((await readInputFile(join(dir, 'small-link'), { maxBytes: 6 })).toString()).toBe('hello\n');
  });

  it('reads an empty file as no bytes', async () => {
    await writeFile(join(dir, 'empty'), '');
    expect((await readInputFile(join(dir, 'empty'), { maxBytes: 1 })).length).toBe(0);
  });

  // Each of these would block forever (a pipe without a writer) or fill the memory (/dev/zero)
  // with a plain readFile; the refusal comes before a byte is read.
  it.each([
    ['a named pipe', 'pipe', /pipe is a named pipe, not a regular file$/],
    [
      'a link to a named pipe',
      'pipe-link',
      /pipe-link \(a link to .*\/pipe\) is a named pipe, not a regular file$/,
    ],
    [
      'a link to /dev/zero',
      'zero-link',
      /zero-link \(a link to \/dev\/zero\) is a character device, not a regular file$/,
    ],
    ['a folder', '.', / is a folder, not a regular file$/],
  ])('refuses %s with one line', async (_, name, message) => {
    const error = await readInputFile(join(dir, name), { what: 'the input', maxBytes: MIB }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^the input \//);
    expect(error.exitCode).toBe(3);
  });

  it('refuses /dev/zero itself', async () => {
    await expect(readInputFile('/dev/zero', { maxBytes: MIB })).rejects.toThrow(
      /^\/dev\/zero is a character device, not a regular file$/,
    );
  });

  it('refuses a file over the limit by its size, without reading it', async () => {
    const path = join(dir, 'sparse');
    await writeFile(path, '');
    await truncate(path, 512 * MIB);
    await expect(readInputFile(path, { maxBytes: MIB, limitNote: ' (why)' })).rejects.toThrow(
      `${path} is ${512 * MIB} bytes, larger than the 1 MiB limit (why)`,
    );
  });

  it('stops at the limit when a file holds more than its size says', async () => {
    // /proc files report a size of 0 and hold more: the read itself must stop at the limit,
    // as it must for a file that grows after it was checked.
    await expect(readInputFile('/proc/self/status', { maxBytes: 64 })).rejects.toThrow(
      '/proc/self/status is more than 64 bytes, larger than the 64 bytes limit',
    );
    expect((await readInputFile('/proc/self/status', { maxBytes: MIB })).toString()).toMatch(/^Name:/);
  });

  it('names a missing file with the reason', async () => {
    await expect(readInputFile(join(dir, 'none'), { what: 'the document', maxBytes: 1 })).rejects.toThrow(
      /^cannot read the document .*none: ENOENT/,
    );
  });
});
