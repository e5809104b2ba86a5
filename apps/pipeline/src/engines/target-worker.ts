import { parentPort, workerData } from 'node:worker_threads';
import { runTargetStages } from '../run/run-target.js';
import type { StageRecord, TargetJob, TargetOutcome } from './engine.js';

/** The messages a target worker sends to the local engine. */
export type WorkerMessage = { type: 'stage'; record: StageRecord } | { type: 'done'; outcome: TargetOutcome };

// One target per worker: the job arrives as workerData, progress and the outcome go back as
// messages. An abort from the engine terminates the worker.
const port = parentPort;
if (port) {
  const job = workerData as TargetJob;
  const outcome = await runTargetStages(job, (record) => port.postMessage({ type: 'stage', record }));
  port.postMessage({ type: 'done', outcome } satisfies WorkerMessage);
}
