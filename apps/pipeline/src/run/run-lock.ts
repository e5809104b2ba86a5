import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError, PipelineError } from '@proxmox-openapi/core';
import { bootId, isAlive, processStartTime } from './process-identity.js';

/** Who holds the run lock. */
export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  /** The owner's start time (/proc/<pid>/stat field 22): tells a reused pid from the owner. */
  processStart?: string;
  /** The boot the owner ran in: after a reboot no owner of an earlier boot is alive. */
  bootId?: string;
}

/** A held lock; `release` removes it. */
export interface RunLock {
  path: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for another run to finish; 0 refuses at once. */
  timeoutMs: number;
  /** How often to look again while waiting. */
  pollMs?: number;
  /** Called once when the lock is held by a live run and this one starts waiting. */
  onWait?: (owner: LockOwner | undefined) => void;
  /** What the lock protects, as messages name it (`specs`). */
  target?: string;
}

/**
 * Takes the run lock: a folder created by renaming a complete temporary folder (with
 * `owner.json` inside) into place. `rename` onto an existing non-empty folder fails, so
 * exactly one run gets it, and the owner record is there from the first moment. A lock whose
 * owner died (SIGKILL, power cut) is stale: its process is gone on this host, so it is taken
 * over, through a rename to a unique name so that two runs cannot both take over.
 */
export async function acquireRunLock(path: string, options: LockOptions): Promise<RunLock> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const start = processStartTime(process.pid);
  const boot = bootId();
  if (start !== undefined) owner.processStart = start;
  if (boot !== undefined) owner.bootId = boot;
  const target = options.target ?? dirname(path);
  const where = `the run lock of ${target} (${path})`;
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await mkdir(temp, { recursive: true });
  await writeFile(`${temp}/owner.json`, `${JSON.stringify(owner)}\n`);
  const started = Date.now();
  let waiting = false;
  try {
    for (;;) {
      try {
        await rename(temp, path);
        await sweepLeftovers(path);
        return { path, release: () => releaseRunLock(path) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOTDIR') {
          // A regular file (or a link to one) where the lock folder should be: never a lock.
          throw new PipelineError(
            'input',
            `lock stage: cannot take ${where}: it is a regular file, not a lock folder; remove it`,
            { stage: 'lock', cause: error },
          );
        }
        if (code !== 'EEXIST' && code !== 'ENOTEMPTY' && code !== 'EISDIR') {
          throw new PipelineError('input', `lock stage: cannot take ${where}: ${describeError(error)}`, {
            stage: 'lock',
            cause: error,
          });
        }
      }
      const holder = await readOwner(path);
      if (await isStale(path, holder)) {
        const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
        try {
          await rename(path, aside);
          await rm(aside, { recursive: true, force: true });
        } catch {
          // Another run took it over first; look again.
        }
        continue;
      }
      const who = holder
        ? `pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}`
        : 'a run that is starting, or a folder without an owner record';
      if (Date.now() - started >= options.timeoutMs) {
        throw new PipelineError(
          'internal',
          `lock stage: another pipeline run (${who}) holds ${where}${options.timeoutMs > 0 ? `; gave up after ${Math.round(options.timeoutMs / 1000)} s` : ''}: wait for it to finish, or remove the lock folder if that process is gone`,
          { stage: 'lock' },
        );
      }
      if (!waiting) {
        waiting = true;
        options.onWait?.(holder);
      }
      await sleep(options.pollMs ?? 200);
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(`${path}/owner.json`, 'utf8')) as LockOwner;
    // Pid 0 and negative pids name process groups (kill(0) reaches this very run): never an owner.
    return Number.isInteger(owner.pid) && owner.pid > 0 && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the owner identified by (pid, start time, boot id) is gone. A pid alone is not
 * enough: it is reused after its process ends, and in a pid namespace the recorded pid may
 * be this very run's. A record of an older version (no start time) falls back to the pid.
 */
export function ownerGone(owner: LockOwner): boolean {
  const boot = bootId();
  if (owner.bootId !== undefined && boot !== undefined && owner.bootId !== boot) return true;
  // This run does not hold the lock: a record naming its own pid is another process's.
  if (owner.pid === process.pid && owner.processStart !== processStartTime(process.pid)) return true;
  if (!isAlive(owner.pid)) return true;
  if (owner.processStart === undefined) return false;
  const now = processStartTime(owner.pid);
  return now !== undefined && now !== owner.processStart;
}

async function isStale(path: string, owner: LockOwner | undefined): Promise<boolean> {
  if (owner) return owner.host === hostname() && ownerGone(owner);
  // No readable owner although the folder was renamed into place complete: damaged. Give a
  // live writer a minute before calling it stale.
  try {
    return Date.now() - (await stat(path)).mtimeMs > 60_000;
  } catch {
    return false;
  }
}

/**
 * Gives the lock back: the folder is first renamed aside, then removed. Removing it in place
 * would race a waiting run: once `owner.json` is deleted the folder is empty, the waiter's
 * rename onto an empty folder succeeds, and the holder's final rmdir then fails with ENOTEMPTY
 * (seen in run-lock.test.ts under load). The name aside is a stale one, so that a run killed
 * between the two steps leaves nothing that the next holder's sweep does not remove.
 */
async function releaseRunLock(path: string): Promise<void> {
  const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
  await rename(path, aside);
  await rm(aside, { recursive: true, force: true });
}

/**
 * Removes what runs killed while taking or taking over the lock left beside it: temporary
 * folders of dead processes and stale locks moved aside. Called while holding the lock.
 */
async function sweepLeftovers(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const pid = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(rest)?.[1];
    if (rest.startsWith('stale-') || (pid !== undefined && !isAlive(Number(pid)))) {
      await rm(join(dirname(path), name), { recursive: true, force: true });
    }
  }
}
