import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiId } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import type { StageRecord, TargetJob } from './engine.js';
import { WorkerPool } from './worker-pool.js';

// A worker that speaks the pool's protocol (target-worker.ts) without the stages: it answers
// each job with its thread id and how many jobs it has done, waits when the job's outDir says
// `wait`, or until a file exists when it says `hold:<file>`, dies when it says `crash`, and
// keeps about 40 MiB alive when it says `hog`, so that reuse, the size limit, crashes and the
// heap limit can be seen.
const WORKER = `
import { existsSync } from 'node:fs';
import { parentPort, threadId } from 'node:worker_threads';
let done = 0;
parentPort.on('message', async ({ id, job }) => {
  if (job.outDir === 'crash') process.exit(7);
  if (job.outDir === 'wait') await new Promise((r) => setTimeout(r, 200));
  if (job.outDir.startsWith('hold:')) {
    while (!existsSync(job.outDir.slice(5))) await new Promise((r) => setTimeout(r, 10));
  }
  const kept = [];
  if (job.outDir === 'hog') for (let i = 0; i < 600000; i++) kept.push({ i, text: 'item ' + i });
  parentPort.postMessage({ type: 'stage', id, record: { api: job.api, stage: 'fetch', status: 'ok', cached: false, durationMs: 0 } });
  done++;
  parentPort.postMessage({ type: 'done', id, outcome: { api: job.api, ok: true, stages: [], files: [], warnings: [String(threadId), String(done)] } });
});
`;

async function workerFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'worker-pool-'));
  const file = join(dir, 'worker.mjs');
  await writeFile(file, WORKER);
  return file;
}

function job(api: ApiId, outDir = 'out'): TargetJob {
  return {
    api,
    source: { kind: 'snapshot' },
    snapshotDir: 'snapshot',
    outDir,
    cache: { dir: 'cache', enabled: false },
    downloadCacheDir: 'downloads',
    openapi: '3.0',
    network: { connectTimeoutMs: 1, timeoutMs: 1, retries: 0 },
  };
}

describe('WorkerPool', () => {
  it('reuses its workers and never runs more at once than its size', async () => {
    const pool = new WorkerPool(await workerFile(), 2);
    try {
      const records: StageRecord[] = [];
      const outcomes = await Promise.all(
        (['pve', 'pbs', 'pmg', 'pdm', 'pve'] as ApiId[]).map((api) =>
          pool.run(job(api, 'wait'), (r) => records.push(r)),
        ),
      );
      expect(outcomes.map((o) => o.api)).toEqual(['pve', 'pbs', 'pmg', 'pdm', 'pve']);
      expect(outcomes.every((o) => o.ok)).toBe(true);
      expect(records).toHaveLength(5);
      // Two threads did the five jobs between them: the later jobs went to the same workers.
      const threads = new Set(outcomes.map((o) => o.warnings[0]));
      expect(threads.size).toBe(2);
      const jobsPerThread = Math.max(...outcomes.map((o) => Number(o.warnings[1])));
      expect(jobsPerThread).toBeGreaterThanOrEqual(3);
    } finally {
      await pool.close();
    }
  });

  it('lets an idle worker go while another still builds, and keeps the last one', async () => {
    const pool = new WorkerPool(await workerFile(), 2);
    const release = join(await mkdtemp(join(tmpdir(), 'worker-pool-hold-')), 'release');
    try {
      const held = pool.run(job('pve', `hold:${release}`), () => {});
      const first = await pool.run(job('pbs'), () => {});
      // Nothing was queued when pbs's worker became idle and pve's still builds: it was let go,
      // so the next target starts a new thread instead of reusing it.
      const second = await pool.run(job('pmg'), () => {});
      expect(second.warnings[0]).not.toBe(first.warnings[0]);
      expect(second.warnings[1]).toBe('1');
      await writeFile(release, '');
      const last = await held;
      expect(last.ok).toBe(true);
      // The last worker to finish stays for a caller that sends its targets one at a time.
      const after = await pool.run(job('pdm'), () => {});
      expect(after.warnings[0]).toBe(last.warnings[0]);
      expect(after.warnings[1]).toBe('2');
    } finally {
      await pool.close();
    }
  });

  it('turns a crashed worker into a failed outcome and goes on with a new worker', async () => {
    const pool = new WorkerPool(await workerFile(), 1);
    try {
      const [crashed, next] = await Promise.all([
        pool.run(job('pve', 'crash'), () => {}),
        pool.run(job('pbs'), () => {}),
      ]);
      expect(crashed.ok).toBe(false);
      expect(crashed.failure?.message).toBe('the pve worker exited with code 7 before finishing');
      expect(next.ok).toBe(true);
      expect(next.warnings[1]).toBe('1');
    } finally {
      await pool.close();
    }
  });

  it('builds a target that outgrows the heap limit again in a worker without limits', async () => {
    const pool = new WorkerPool(await workerFile(), 1, { maxOldGenerationSizeMb: 16 });
    try {
      const records: StageRecord[] = [];
      const [hog, next] = await Promise.all([
        pool.run(job('pve', 'hog'), (r) => records.push(r)),
        pool.run(job('pbs'), () => {}),
      ]);
      expect(hog.ok).toBe(true);
      expect(hog.warnings.slice(2)).toEqual([
        'pve: outgrew the 16 MiB heap of a pool worker and was built again without limits',
      ]);
      // The limited worker died before its first stage line; the unlimited one built the target.
      expect(records).toHaveLength(1);
      expect(next.ok).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('runs its workers without limits when it is given none', async () => {
    const pool = new WorkerPool(await workerFile(), 1, undefined);
    try {
      const hog = await pool.run(job('pve', 'hog'), () => {});
      expect(hog.ok).toBe(true);
      expect(hog.warnings).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it('ends an aborted target, running or queued, and keeps serving the others', async () => {
    const pool = new WorkerPool(await workerFile(), 1);
    try {
      const controller = new AbortController();
      const running = pool.run(job('pve', 'wait'), () => {}, controller.signal);
      const queued = pool.run(job('pbs', 'wait'), () => {}, controller.signal);
      const other = pool.run(job('pmg'), () => {});
      controller.abort();
      expect((await running).failure?.message).toBe('aborted');
      expect((await queued).failure?.message).toBe('aborted');
      expect((await other).ok).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('fails what is still queued when it is closed', async () => {
    const pool = new WorkerPool(await workerFile(), 1);
    const running = pool.run(job('pve', 'wait'), () => {});
    const queued = pool.run(job('pbs'), () => {});
    await pool.close();
    expect((await running).failure?.message).toBe('the local engine was closed');
    expect((await queued).failure?.message).toBe('the local engine was closed');
    expect((await pool.run(job('pmg'), () => {})).ok).toBe(false);
  });
});
