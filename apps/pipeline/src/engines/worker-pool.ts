import { Worker } from 'node:worker_threads';
import { crashedOutcome, type StageListener, type TargetJob, type TargetOutcome } from './engine.js';
import type { PoolRequest, WorkerMessage } from './target-worker.js';

interface Task {
  id: number;
  job: TargetJob;
  onStage: StageListener;
  resolve(outcome: TargetOutcome): void;
  signal?: AbortSignal;
  abort?: () => void;
}

interface Slot {
  worker: Worker;
  task?: Task;
}

/**
 * A fixed number of worker threads that build targets one at a time each, reused from target to
 * target. A worker loads the stage packages (Redocly alone is about 0.4 s of CPU) once for all the
 * targets it builds, and no more targets run at once than there are cores: with five products,
 * one worker per product held five documents and five Redocly trees at the same time (over
 * 600 MiB) and made the two cores take turns anyway. Targets start in the order they are given.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {}

  /** Builds one target in the first free worker; crashes and aborts become failed outcomes. */
  run(job: TargetJob, onStage: StageListener, signal?: AbortSignal): Promise<TargetOutcome> {
    return new Promise((resolve) => {
      if (this.closed) {
        resolve(crashedOutcome(job, 'the local engine was closed'));
        return;
      }
      const task: Task = { id: this.nextId++, job, onStage, resolve };
      if (signal) {
        if (signal.aborted) {
          resolve(crashedOutcome(job, 'aborted'));
          return;
        }
        task.signal = signal;
        task.abort = () => this.abort(task);
        signal.addEventListener('abort', task.abort, { once: true });
      }
      this.queue.push(task);
      this.dispatch();
    });
  }

  /** Terminates every worker; targets still queued or running end as crashed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0))
      this.settle(task, crashedOutcome(task.job, 'the local engine was closed'));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.task) this.settle(slot.task, crashedOutcome(slot.task.job, 'the local engine was closed'));
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === undefined);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const task = this.queue.shift() as Task;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ type: 'job', id: task.id, job: task.job } satisfies PoolRequest);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.file) };
    const lost = (why: string): void => {
      this.drop(slot);
      if (slot.task) this.settle(slot.task, crashedOutcome(slot.task.job, why));
      slot.task = undefined;
      this.dispatch();
    };
    slot.worker.on('message', (message: WorkerMessage) => {
      const task = slot.task;
      if (!task || message.id !== task.id) return;
      if (message.type === 'stage') {
        task.onStage(message.record);
        return;
      }
      slot.task = undefined;
      // An idle worker does not keep the process alive.
      slot.worker.unref();
      this.settle(task, message.outcome);
      this.dispatch();
    });
    slot.worker.on('error', (error) =>
      lost(`the ${slot.task?.job.api ?? ''} worker crashed: ${error.message}`),
    );
    slot.worker.on('exit', (code) => {
      if (!this.slots.includes(slot)) return;
      lost(`the ${slot.task?.job.api ?? ''} worker exited with code ${code} before finishing`);
    });
    this.slots.push(slot);
    return slot;
  }

  private drop(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
  }

  private abort(task: Task): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = this.slots.find((s) => s.task === task);
    if (slot) {
      // A stage cannot be stopped half-way inside a worker: the worker goes, a new one takes its place.
      this.drop(slot);
      slot.task = undefined;
      void slot.worker.terminate();
    }
    this.settle(task, crashedOutcome(task.job, 'aborted'));
    this.dispatch();
  }

  private settle(task: Task, outcome: TargetOutcome): void {
    if (task.abort) task.signal?.removeEventListener('abort', task.abort);
    task.abort = undefined;
    const resolve = task.resolve;
    task.resolve = () => {};
    resolve(outcome);
  }
}
