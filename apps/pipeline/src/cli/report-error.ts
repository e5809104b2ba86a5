import { describeError, PipelineError, redactUrl } from '@proxmox-openapi/core';
import type { CommandIo } from './command-io.js';

/** Prints an error as one line (plus the stack with `--verbose`) and returns its exit code. */
export function reportError(commandName: string, error: unknown, io: CommandIo, verbose: boolean): number {
  const where =
    error instanceof PipelineError && error.api
      ? ` [${error.api}${error.stage ? `/${error.stage}` : ''}]`
      : '';
  const message = redactUrl(describeError(error).replace(/\s*\n\s*/g, ' '));
  const prefix = commandName ? `proxmox-openapi ${commandName}` : 'proxmox-openapi';
  io.stderr.write(`${prefix}${where}: ${message}\n`);
  if (verbose && error instanceof Error && error.stack) io.stderr.write(`${redactUrl(error.stack)}\n`);
  return error instanceof PipelineError ? error.exitCode : 3;
}
