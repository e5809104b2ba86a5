import type { CommandIo } from '../cli/command-io.js';

/** A CommandIo that keeps what was written, for tests that call the CLI in-process. */
export interface MemoryIo extends CommandIo {
  out(): string;
  err(): string;
}

/** Collects stdout and stderr in memory; `cwd` and `env` as given. */
export function memoryIo(cwd: string, env: NodeJS.ProcessEnv = {}): MemoryIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    env,
    cwd,
    out: () => out,
    err: () => err,
  };
}
