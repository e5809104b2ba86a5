/**
 * Deterministic crash points for tests. The publish code calls {@link checkpoint} after every
 * step that changes the disk; when `PROXMOX_OPENAPI_TEST_KILL_AT=<n>` is set, the process kills
 * itself with SIGKILL at the n-th checkpoint (no cleanup, no `finally`, exactly like a power cut
 * of the process), so that a test can iterate over every step and check what a crash leaves.
 * `PROXMOX_OPENAPI_TEST_KILL_SIGNAL=SIGTERM` (or SIGINT) sends that signal instead: what a
 * runner's cancel or a Ctrl-C does at that moment.
 */

const SIGNALS: readonly string[] = ['SIGKILL', 'SIGTERM', 'SIGINT'];

// A per-process count; each pipeline run is its own process in those tests.
let reached = 0;
const labels: string[] = [];

/** Marks a step as done; kills the process when the test hook asks for this step. */
export function checkpoint(label: string): void {
  reached++;
  labels.push(label);
  const at = process.env.PROXMOX_OPENAPI_TEST_KILL_AT;
  if (at === undefined || Number(at) !== reached) return;
  const signal = process.env.PROXMOX_OPENAPI_TEST_KILL_SIGNAL ?? 'SIGKILL';
  process.kill(process.pid, (SIGNALS.includes(signal) ? signal : 'SIGKILL') as NodeJS.Signals);
  // The signal is asynchronous with respect to this thread: block until it lands.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

/** The checkpoints this process has passed, in order (the run report records them for the tests). */
export function checkpointsReached(): string[] {
  return [...labels];
}
