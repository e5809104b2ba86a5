import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acquireRunLock } from './run-lock.js';

const distLock = fileURLToPath(new URL('../../dist/run/run-lock.js', import.meta.url));

function childScript(path: string, timeoutMs: number): string {
  return `
    import { acquireRunLock } from ${JSON.stringify(distLock)};
    try {
      const lock = await acquireRunLock(${JSON.stringify(path)}, {
        timeoutMs: ${timeoutMs}, pollMs: 20, onWait: () => console.log('waiting'),
      });
      console.log('acquired');
      await lock.release();
    } catch (error) { console.log('refused: ' + error.message); }
  `;
}

describe('the run lock', () => {
  it('refuses a second holder at once with a message naming the first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    const path = join(dir, '.specs-staging-specs.lock');
    const lock = await acquireRunLock(path, { timeoutMs: 0 });
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', childScript(path, 0)], {
      encoding: 'utf8',
    });
    expect(child.stdout).toContain(
      `refused: lock stage: another pipeline run (pid ${process.pid} on ${hostname()}`,
    );
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('lets a waiting run in once the holder releases', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    const path = join(dir, 'run.lock');
    const lock = await acquireRunLock(path, { timeoutMs: 0 });
    const child = spawn(process.execPath, ['--input-type=module', '-e', childScript(path, 60_000)]);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (out.includes('waiting')) resolve();
        else setTimeout(check, 20);
      };
      check();
    });
    expect(out).not.toContain('acquired');
    await lock.release();
    await new Promise((resolve) => child.on('close', resolve));
    expect(out.trim().split('\n')).toEqual(['waiting', 'acquired']);
  });

  it('takes over the lock of a process that is gone, and sweeps what dead runs left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    const path = join(dir, 'run.lock');
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout.trim());
    await mkdir(`${path}.${deadPid}.0a1b.tmp`);
    await mkdir(`${path}.stale-0a1b`);
    await mkdir(`${path}.${process.pid}.0c1d.tmp`);
    await mkdir(path);
    await writeFile(
      join(path, 'owner.json'),
      JSON.stringify({ pid: deadPid, host: hostname(), startedAt: 'then' }),
    );
    const lock = await acquireRunLock(path, { timeoutMs: 0 });
    expect(existsSync(join(path, 'owner.json'))).toBe(true);
    await lock.release();
    // A live process's temporary folder stays: it may be taking the lock right now.
    expect(await readdir(dir)).toEqual([`run.lock.${process.pid}.0c1d.tmp`]);
  });

  it('refuses a lock held by a live process, here this one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    const path = join(dir, 'run.lock');
    const lock = await acquireRunLock(path, { timeoutMs: 0 });
    await expect(acquireRunLock(path, { timeoutMs: 50, pollMs: 10 })).rejects.toThrow(/gave up after/);
    await lock.release();
  });
});
