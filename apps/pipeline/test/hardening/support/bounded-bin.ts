import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BIN, type CliResult } from './cli.js';

/** The resident memory a bounded run may reach before the watchdog ends it. */
export const MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;
// The address-space cap (`ulimit -v`) is a hard ceiling behind the resident-memory watchdog;
// V8 and the worker threads reserve more address space than they use, so it is twice as high.
const ADDRESS_SPACE_KIB = 2 * 1024 * 1024;

/**
 * How long a bounded run may take before the watchdog calls it hung. A passing case ends by
 * itself in a second or two of CPU, but on a loaded machine (load average 40 was seen while
 * other jobs ran) that is tens of seconds of wall time: the limit is far above that, so only a
 * run that waits forever (a named pipe without a writer) reaches it. The row then fails, a few
 * minutes later than a tighter limit would say so.
 */
const WATCHDOG_MS = 300_000;

/** What a bounded run ended with, and whether the watchdog had to end it. */
export interface BoundedResult extends CliResult {
  /** The watchdog ended it: it ran past its time or its resident memory passed 1 GiB. */
  stopped?: 'time' | 'memory';
}

function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs the real bin under a watchdog. The code under test must end by itself (a refused
 * input, an error), so the watchdog never fires on a passing case: it is there so that a
 * regression (waiting on a named pipe, reading /dev/zero) ends as a failed row of the table
 * instead of a hung suite or a machine out of memory. `PROXMOX_OPENAPI_HARDENING_BIN` runs
 * another build's bin (e.g. main's, to show that a case fails there).
 */
export function runBoundedBin(
  argv: readonly string[],
  cwd: string,
  options: { env?: NodeJS.ProcessEnv; watchdogMs?: number } = {},
): Promise<BoundedResult> {
  const env = { ...process.env, NO_COLOR: '1', ...options.env };
  const bin = process.env.PROXMOX_OPENAPI_HARDENING_BIN ?? BIN;
  // PROXMOX_OPENAPI_HARDENING_WRAP=unshare (in options.env) runs the bin as pid 1 of a new pid
  // namespace; argv then starts with `--`, which is dropped.
  const wrap = options.env?.PROXMOX_OPENAPI_HARDENING_WRAP === 'unshare' ? 'unshare -p -f --mount-proc ' : '';
  const args = wrap && argv[0] === '--' ? argv.slice(1) : argv;
  const child = spawn(
    'bash',
    ['-c', `ulimit -v ${ADDRESS_SPACE_KIB}; exec ${wrap}"$0" "$@"`, process.execPath, bin, ...args],
    { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  let stopped: BoundedResult['stopped'];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const stop = (why: 'time' | 'memory'): void => {
    stopped ??= why;
    child.kill('SIGKILL');
  };
  const timer = setTimeout(() => stop('time'), options.watchdogMs ?? WATCHDOG_MS);
  // `exec` makes the bash child the node process itself, so its pid is the one to watch.
  const poll = setInterval(() => {
    if (child.pid !== undefined && residentBytes(child.pid) > MEMORY_LIMIT_BYTES) stop('memory');
  }, 25);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ exitCode: code ?? -1, stdout, stderr, signal, ...(stopped ? { stopped } : {}) });
    });
  });
}

/** How a bounded run ended, for a table cell. */
export function describeEnd(result: BoundedResult, line: string): string {
  if (result.stopped === 'time') return 'hung: stopped by the watchdog';
  if (result.stopped === 'memory') return 'over 1 GiB resident: stopped by the watchdog';
  return `exit ${result.exitCode}: ${line}`;
}
