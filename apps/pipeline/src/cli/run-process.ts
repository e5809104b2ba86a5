import { describeError } from '@proxmox-openapi/core';
import type { CommandIo } from './command-io.js';
import { main } from './main.js';

/** What went wrong with the process's own surroundings, as one line each. */
const CLOSED_STDOUT =
  'proxmox-openapi: standard output was closed before everything was written (EPIPE); the output is incomplete';

/**
 * Runs the CLI as a process: the bin's one call. It turns what the process itself can hit into
 * one line and exit code 3 instead of a Node stack trace: a working directory that was
 * deleted, and a standard output whose reader went away (`… | head`), after which the command
 * still finishes (a run keeps or releases its lock as it would) and further output is dropped.
 */
export async function runProcess(argv: readonly string[]): Promise<number> {
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // Any error of stdout ends its use; only EPIPE is the reader going away, the rest is reported.
    if (!stdoutClosed && error.code !== 'EPIPE') {
      process.stderr.write(`proxmox-openapi: cannot write to standard output: ${describeError(error)}\n`);
    }
    stdoutClosed = true;
  });
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch (error) {
    process.stderr.write(
      `proxmox-openapi: the working directory no longer exists (${(error as NodeJS.ErrnoException).code ?? describeError(error)}); cd into an existing folder and run it again\n`,
    );
    return 3;
  }
  const io: CommandIo = {
    stdout: {
      write: (chunk: string) => (stdoutClosed ? true : process.stdout.write(chunk)),
      isTTY: process.stdout.isTTY === true,
    },
    stderr: process.stderr,
    env: process.env,
    cwd,
  };
  const code = await main(argv, io);
  if (!stdoutClosed) {
    // A write that fails after the last chunk is reported on the next turn of the event loop.
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  }
  if (stdoutClosed) {
    process.stderr.write(`${CLOSED_STDOUT}\n`);
    return code === 0 ? 3 : code;
  }
  return code;
}
