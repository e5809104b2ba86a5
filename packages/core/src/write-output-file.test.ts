import { execFileSync, spawn } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from './errors.js';
import { checkOutputTarget, writeOutputFile } from './write-output-file.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'write-output-'));
  // A private copy of /dev/full (char 1,7), so that nothing shared is ever at stake.
  execFileSync('mknod', [join(dir, 'full'), 'c', '1', '7']);
  execFileSync('mkfifo', [join(dir, 'pipe')]);
  await mkdir(join(dir, 'folder'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('writeOutputFile', () => {
  it('writes a new path and replaces a regular file atomically, leaving no temporary file', async () => {
    const path = join(dir, 'new', 'report.json');
    await writeOutputFile(path, 'one');
    await writeOutputFile(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'new'))).toEqual(['report.json']);
  });

  it('replaces the file a link points at and keeps the link', async () => {
    await writeFile(join(dir, 'target.txt'), 'old');
    await symlink(join(dir, 'target.txt'), join(dir, 'link.txt'));
    await writeOutputFile(join(dir, 'link.txt'), 'new');
    expect((await lstat(join(dir, 'link.txt'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, 'target.txt'), 'utf8')).toBe('new');
  });

  it('writes to a full device in place and fails with one line; the node stays a device', async () => {
    const error = await writeOutputFile(join(dir, 'full'), 'x', { what: 'the report' }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^cannot write the report to .*\/full: ENOSPC/);
    expect((await lstat(join(dir, 'full'))).isCharacterDevice()).toBe(true);
  });

  it('writes to a named pipe that has a reader, and refuses one without a reader instead of blocking', async () => {
    await expect(writeOutputFile(join(dir, 'pipe'), 'x')).rejects.toThrow(/the named pipe has no reader/);
    const reader = spawn('cat', [join(dir, 'pipe')]);
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (read += chunk));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    // The reader opens the pipe when cat starts; until then the write is refused, so retry.
    for (let i = 0; ; i++) {
      try {
        await writeOutputFile(join(dir, 'pipe'), 'through the pipe\n');
        break;
      } catch (error) {
        if (i > 200) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    await closed;
    expect(read).toBe('through the pipe\n');
    expect((await lstat(join(dir, 'pipe'))).isFIFO()).toBe(true);
  });

  it('refuses a folder with one line, before any work', async () => {
    const error = await checkOutputTarget(join(dir, 'folder'), { what: '--report' }).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`--report ${join(dir, 'folder')} is a folder; name a file`);
    await expect(writeOutputFile(join(dir, 'folder'), 'x')).rejects.toThrow(UsageError);
  });
});
