import type { WaitForTaskOptions } from './client-types.js';
import { ProxmoxTaskError } from './errors.js';

/** The clock and the pause the client uses; tests give their own to see the pauses. */
export interface Timers {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const SYSTEM_TIMERS: Timers = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const UPID = /^UPID:([^:\s]+):/;

/** The task status fields `waitForTask` reads (the same on every product). */
interface TaskStatus {
  readonly status?: unknown;
  readonly exitstatus?: unknown;
}

/**
 * Polls a task's status until it stops, pausing 1.5 times longer after each poll.
 * `readStatus` is the client's own GET of `/nodes/{node}/tasks/{upid}/status`.
 */
export async function waitForTask(
  upid: string,
  readStatus: (node: string, upid: string) => Promise<unknown>,
  timers: Timers,
  options: WaitForTaskOptions = {},
): Promise<string> {
  const node = UPID.exec(upid)?.[1];
  if (node === undefined) throw new TypeError(`waitForTask: "${upid}" is not a UPID (UPID:node:…)`);
  const timeoutMs = options.timeoutMs ?? 10 * 60 * 1000;
  const maxIntervalMs = options.maxIntervalMs ?? 5000;
  let pause = Math.min(options.intervalMs ?? 500, maxIntervalMs);
  const deadline = timers.now() + timeoutMs;
  for (;;) {
    const status = ((await readStatus(node, upid)) ?? {}) as TaskStatus;
    if (status.status === 'stopped') {
      const exit = typeof status.exitstatus === 'string' ? status.exitstatus : String(status.exitstatus);
      if (exit === 'OK' || exit.startsWith('WARNINGS')) return exit;
      throw new ProxmoxTaskError(upid, exit, `task ${upid} failed: ${exit}`);
    }
    const left = deadline - timers.now();
    if (left <= 0) throw new ProxmoxTaskError(upid, null, `task ${upid} did not stop within ${timeoutMs} ms`);
    await timers.sleep(Math.min(pause, left));
    pause = Math.min(pause * 1.5, maxIntervalMs);
  }
}
