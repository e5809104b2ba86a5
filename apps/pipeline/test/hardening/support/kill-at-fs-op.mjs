// Preloaded with `node --import` into a pipeline child process by crash-safety.test.ts: counts
// the file-system calls that the main thread makes below HARDENING_FS_SCOPE (the folder that
// holds specs/ and its staging folders) and SIGKILLs the process just before the n-th one
// (HARDENING_KILL_AT_OP=n), so that a crash can be placed before any single disk change of the
// publish step, not only at the pipeline's own checkpoints (HARDENING_KILL_SIGNAL=SIGTERM sends
// that signal instead of SIGKILL). With HARDENING_FS_LOG set, it
// appends one line per counted call instead (to learn how many moments there are).
import { appendFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const scope = process.env.HARDENING_FS_SCOPE;
const killAt = Number(process.env.HARDENING_KILL_AT_OP ?? 0);
const log = process.env.HARDENING_FS_LOG;
const excluded = process.env.HARDENING_FS_EXCLUDE;
const signal = process.env.HARDENING_KILL_SIGNAL ?? 'SIGKILL';
// Every call that can change the disk or make it durable, and the reads the protocol decides on.
const NAMES = [
  'access',
  'appendFile',
  'copyFile',
  'cp',
  'link',
  'mkdir',
  'mkdtemp',
  'open',
  'readdir',
  'readFile',
  'rename',
  'rm',
  'rmdir',
  'stat',
  'symlink',
  'truncate',
  'unlink',
  'writeFile',
];

let count = 0;

function inScope(path) {
  const text = typeof path === 'string' ? path : path instanceof URL ? path.pathname : undefined;
  if (!scope || text === undefined || !text.startsWith(scope)) return false;
  return !(excluded && text.startsWith(excluded));
}

if (isMainThread && scope) {
  for (const name of NAMES) {
    const original = fsPromises[name];
    if (typeof original !== 'function') continue;
    fsPromises[name] = function counted(...args) {
      if (inScope(args[0])) {
        count++;
        if (log) appendFileSync(log, `${count} ${name} ${String(args[0]).slice(scope.length)}\n`);
        if (count === killAt) {
          process.kill(process.pid, signal);
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
        }
      }
      return original.apply(this, args);
    };
  }
  // Named imports of node:fs/promises are live bindings of this object once synced.
  syncBuiltinESMExports();
}
