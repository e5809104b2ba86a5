import { parentPort } from 'node:worker_threads';
import { runTargetStages } from '../run/run-target.js';
import type { StageRecord, TargetJob, TargetOutcome } from './engine.js';

/** What the worker pool sends a target worker: one target to build. */
export type PoolRequest = { type: 'job'; id: number; job: TargetJob };

/** The messages a target worker sends back, tagged with the job's id. */
export type WorkerMessage =
  | { type: 'stage'; id: number; record: StageRecord }
  | { type: 'done'; id: number; outcome: TargetOutcome };

// A reused worker of the pool (worker-pool.ts): it builds the targets it is sent one after the
// other, so the stage packages it has loaded serve every target. Progress and the outcome go
// back as messages; an abort terminates the worker.
const port = parentPort;
if (port) {
  port.on('message', async (request: PoolRequest) => {
    const { id, job } = request;
    const outcome = await runTargetStages(job, (record) =>
      port.postMessage({ type: 'stage', id, record } satisfies WorkerMessage),
    );
    port.postMessage({ type: 'done', id, outcome } satisfies WorkerMessage);
  });
}
