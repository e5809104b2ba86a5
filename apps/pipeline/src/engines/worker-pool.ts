import { type ResourceLimits, Worker } from 'node:worker_threads';
import { crashedOutcome, type StageListener, type TargetJob, type TargetOutcome } from './engine.js';
import type { PoolRequest, WorkerMessage } from './target-worker.js';
import { optimizeWorkersOnTheirOwnThread } from './worker-v8-flags.js';

interface Task {
  id: number;
  job: TargetJob;
  /** Set when the target ran out of a limited worker's heap: it runs again in a worker without limits. */
  unlimited?: boolean;
  onStage: StageListener;
  resolve(outcome: TargetOutcome): void;
  signal?: AbortSignal;
  abort?: () => void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  limited: boolean;
}

/**
 * The heap limits of a pool worker: not a budget a target must fit in (a target that outgrows it
 * is built again without limits) but what V8 sizes the heap by. The stages make far more garbage
 * than they keep (PVE's allocate about 630 MiB, Redocly's walk and resolve 250 MiB of it, js-yaml's
 * `load` in the YAML twin check 65 MiB; the live set stays under 130 MiB even for PDM), and with a
 * limit as large as the default (it follows the machine's memory) V8 lets the old generation
 * grow to four times what the last full collection kept: a worker's heap reached 140 to
 * 185 MiB. Under a 256 MiB limit it grows by 1.3 times at most, and an 8 MiB young generation
 * (instead of up to 48) holds less garbage between scavenges. Cold PVE and PBS: 397 → 302 MiB
 * for 10 % more CPU (more full collections), every product 589 → 354 MiB for 18 %; see the
 * pipeline README (performance).
 */
export const WORKER_HEAP_LIMITS: ResourceLimits = Object.freeze({
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 8,
});

const OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/**
 * A fixed number of worker threads that build targets one at a time each, reused from target to
 * target. A worker loads the stage packages (Redocly alone is about 0.4 s of CPU) once for all the
 * targets it builds, and no more targets run at once than there are cores: with five products,
 * one worker per product held five documents and five Redocly trees at the same time (over
 * 600 MiB) and made the two cores take turns anyway. Targets start in the order they are given.
 * The workers run with `WORKER_HEAP_LIMITS` unless the pool is given other limits (or none).
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly size: number,
    private readonly limits: ResourceLimits | undefined = WORKER_HEAP_LIMITS,
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
      const unlimited = this.queue[0]?.unlimited === true || this.limits === undefined;
      let slot = this.slots.find((s) => s.task === undefined && (unlimited ? !s.limited : true));
      if (!slot && unlimited) {
        // An idle limited worker gives its place to the unlimited one the retried target needs.
        const idle = this.slots.find((s) => s.task === undefined);
        if (idle) {
          this.drop(idle);
          void idle.worker.terminate();
        }
      }
      if (!slot && this.slots.length < this.size) slot = this.spawn(!unlimited);
      if (!slot) return;
      const task = this.queue.shift() as Task;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ type: 'job', id: task.id, job: task.job } satisfies PoolRequest);
    }
  }

  private spawn(limited: boolean): Slot {
    optimizeWorkersOnTheirOwnThread();
    const worker = new Worker(this.file, limited ? { resourceLimits: this.limits } : {});
    const slot: Slot = { worker, limited };
    const lost = (why: string, code?: string): void => {
      this.drop(slot);
      const task = slot.task;
      slot.task = undefined;
      if (task && slot.limited && code === OUT_OF_MEMORY) {
        // The limit only steers the heap's sizing: a target larger than it is built again, first
        // in the queue, in a worker without limits (its stage lines repeat), never failed for it.
        task.unlimited = true;
        this.queue.unshift(task);
      } else if (task) {
        this.settle(task, crashedOutcome(task.job, why));
      }
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
      if (task.unlimited && this.limits) {
        message.outcome.warnings.push(
          `${task.job.api}: outgrew the ${this.limits.maxOldGenerationSizeMb} MiB heap of a pool worker and was built again without limits`,
        );
      }
      this.settle(task, message.outcome);
      this.dispatch();
      this.retireIdle();
    });
    slot.worker.on('error', (error: Error & { code?: string }) =>
      lost(`the ${slot.task?.job.api ?? ''} worker crashed: ${error.message}`, error.code),
    );
    slot.worker.on('exit', (code) => {
      if (!this.slots.includes(slot)) return;
      lost(`the ${slot.task?.job.api ?? ''} worker exited with code ${code} before finishing`);
    });
    this.slots.push(slot);
    return slot;
  }

  /**
   * Lets an idle worker go when nothing is queued and another worker still builds: no more work
   * is coming to it in this run, and its heap (the garbage of the target it built included) would
   * otherwise stay in the process's memory beside the busy worker's until the pool closes. The
   * last worker stays, unreferenced, for a caller that sends its targets one after the other.
   */
  private retireIdle(): void {
    if (this.queue.length > 0 || !this.slots.some((s) => s.task !== undefined)) return;
    for (const slot of this.slots.filter((s) => s.task === undefined)) {
      this.drop(slot);
      void slot.worker.terminate();
    }
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
