import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runTargetStages } from '../run/run-target.js';
import {
  crashedOutcome,
  type Engine,
  type EngineOptions,
  type StageListener,
  type TargetJob,
  type TargetOutcome,
} from './engine.js';
import type { WorkerMessage } from './target-worker.js';

export interface LocalEngineOptions extends EngineOptions {
  /**
   * Run each target in its own worker thread (default: when the built worker exists). The
   * stages are CPU-bound and synchronous in parts (generation, YAML, Redocly), so on one thread
   * PBS's validation would wait for PVE's generation; with a worker per target both cores work.
   * Tests that import the TypeScript sources run the targets inline instead.
   */
  workers?: boolean;
}

const WORKER_FILE = fileURLToPath(new URL('./target-worker.js', import.meta.url));

/** The default engine: the stages in this Node process, one worker thread per target. */
export async function createLocalEngine(options: LocalEngineOptions): Promise<Engine> {
  const workers = options.workers ?? (import.meta.url.endsWith('.js') && existsSync(WORKER_FILE));
  return {
    name: 'local',
    runTarget: (job, onStage, signal) =>
      workers ? runInWorker(job, onStage, signal) : runTargetStages(job, onStage, signal),
    async close() {},
  };
}

function runInWorker(job: TargetJob, onStage: StageListener, signal?: AbortSignal): Promise<TargetOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_FILE, { workerData: job });
    let settled = false;
    const settle = (outcome: TargetOutcome): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      resolve(outcome);
    };
    const abort = (): void => {
      void worker.terminate();
      settle(crashedOutcome(job, 'aborted'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'stage') onStage(message.record);
      else settle(message.outcome);
    });
    worker.on('error', (error) =>
      settle(crashedOutcome(job, `the ${job.api} worker crashed: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      settle(crashedOutcome(job, `the ${job.api} worker exited with code ${code} before finishing`)),
    );
  });
}
