import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import type { StageRecord, TargetJob } from '../engines/engine.js';
import { runTargetStages } from './run-target.js';
import type { StageDefinition } from './stages.js';

async function job(): Promise<TargetJob> {
  const dir = await mkdtemp(join(tmpdir(), 'run-target-'));
  return {
    api: 'pbs',
    source: { kind: 'snapshot' },
    snapshotDir: join(dir, 'snapshot'),
    outDir: join(dir, 'out'),
    cache: { dir: join(dir, 'cache'), enabled: true },
    downloadCacheDir: join(dir, 'downloads'),
    openapi: '3.0',
    network: { connectTimeoutMs: 1, timeoutMs: 1, retries: 0 },
  };
}

/** Two stages as data: an uncached first one, and a keyed one that counts its real runs. */
function stages(runs: { generate: number }, input: string, fail?: 'generate'): StageDefinition[] {
  return [
    {
      name: 'fetch',
      packageName: '@proxmox-openapi/core',
      async run(state) {
        state.digests.snapshot = input;
        return {};
      },
      async apply() {},
    },
    {
      name: 'generate',
      packageName: '@proxmox-openapi/core',
      keyParts: (state) => [state.digests.snapshot ?? ''],
      async run(state) {
        runs.generate++;
        if (fail === 'generate') throw new InputError('the input is broken', { stage: 'generate' });
        return { files: { 'document.json': `{"from":${JSON.stringify(state.digests.snapshot)}}` } };
      },
      async apply(state, output) {
        state.digests.document = Buffer.from(output.files['document.json'] ?? '').toString('utf8');
      },
    },
    {
      name: 'serialize',
      packageName: '@proxmox-openapi/core',
      keyParts: (state) => [state.digests.document ?? ''],
      async run() {
        return { data: 'serialized' };
      },
      async apply() {},
    },
  ];
}

describe('the stage loop', () => {
  it('runs each stage once, then replays keyed stages from the cache while their inputs stay', async () => {
    const target = await job();
    const runs = { generate: 0 };
    const seen: StageRecord[] = [];
    const first = await runTargetStages(target, (r) => seen.push(r), undefined, stages(runs, 'a'));
    expect(first.ok).toBe(true);
    expect(first.stages.map((s) => [s.stage, s.cached])).toEqual([
      ['fetch', false],
      ['generate', false],
      ['serialize', false],
    ]);
    expect(seen.map((s) => s.stage)).toEqual(['fetch', 'generate', 'serialize']);
    const second = await runTargetStages(target, () => {}, undefined, stages(runs, 'a'));
    expect(second.stages.map((s) => s.cached)).toEqual([false, true, true]);
    expect(runs.generate).toBe(1);
    // A changed input is a new key: the stage runs again.
    const third = await runTargetStages(target, () => {}, undefined, stages(runs, 'b'));
    expect(third.stages.map((s) => s.cached)).toEqual([false, false, false]);
    expect(runs.generate).toBe(2);
    expect(third.stages[1]?.key).not.toBe(second.stages[1]?.key);
  });

  it('runs everything when the cache is off', async () => {
    const target = { ...(await job()), cache: { dir: '/nonexistent/cache', enabled: false } };
    const runs = { generate: 0 };
    await runTargetStages(target, () => {}, undefined, stages(runs, 'a'));
    const again = await runTargetStages(target, () => {}, undefined, stages(runs, 'a'));
    expect(again.stages.every((s) => !s.cached)).toBe(true);
    expect(runs.generate).toBe(2);
  });

  it('ends the target at the first failing stage, naming it, and skips the rest', async () => {
    const seen: StageRecord[] = [];
    const outcome = await runTargetStages(
      await job(),
      (r) => seen.push(r),
      undefined,
      stages({ generate: 0 }, 'a', 'generate'),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.failure).toMatchObject({
      stage: 'generate',
      code: 'input',
      message: 'the input is broken',
    });
    expect(outcome.stages.map((s) => s.status)).toEqual(['ok', 'failed', 'skipped']);
    expect(outcome.files).toEqual([]);
    // Progress hears of the stages that finished, not of the skipped one.
    expect(seen.map((s) => `${s.stage}:${s.status}`)).toEqual(['fetch:ok', 'generate:failed']);
  });
});
