import { type ParseArgsConfig, parseArgs } from 'node:util';
import { describeError, PipelineError, UsageError } from './errors.js';
import { redactingIo, redactUrl } from './redact-url.js';

/** Where a command reads its environment and writes its output; tests pass their own. */
export interface CommandIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The process's own streams, environment and working directory. */
export function processIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** A sub-command of `proxmox-openapi`: its help text and what it does. */
export interface Command<O extends Options = Options> {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  usage: string;
  options: O;
  /** Whether positional arguments are accepted. */
  allowPositionals?: boolean;
  /** Runs the command with parsed arguments and returns the exit code. */
  run(
    args: {
      values: Record<string, string | boolean | string[] | boolean[] | undefined>;
      positionals: string[];
    },
    io: CommandIo,
  ): Promise<number>;
}

/** Declares a command (an identity function that keeps the option types in one place). */
export function defineCommand<O extends Options>(command: Command<O>): Command<O> {
  return command;
}

/**
 * Runs a command as the CLI does: `--help`, argument errors as usage errors (exit 2), expected
 * failures as one line on stderr with their exit code, anything else as one line and exit 3;
 * `--verbose` adds the stack.
 */
export async function runCommand(
  command: Command,
  argv: readonly string[],
  given: CommandIo,
): Promise<number> {
  // Nothing a command prints may carry a password from a URL (a `--source` with userinfo).
  const io = redactingIo(given);
  const verbose = argv.includes('--verbose');
  const rest = argv.filter((a) => a !== '--verbose');
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: command.options,
        allowPositionals: command.allowPositionals ?? false,
        strict: true,
      });
    } catch (error) {
      throw new UsageError(`${describeError(error)} (see 'proxmox-openapi ${command.name} --help')`);
    }
    return await command.run(
      {
        values: parsed.values as Record<string, string | boolean | string[] | undefined>,
        positionals: parsed.positionals,
      },
      io,
    );
  } catch (error) {
    return reportError(command.name, error, io, verbose);
  }
}

/** Prints an error as one line (plus the stack with `--verbose`) and returns its exit code. */
export function reportError(commandName: string, error: unknown, io: CommandIo, verbose: boolean): number {
  const where =
    error instanceof PipelineError && error.api
      ? ` [${error.api}${error.stage ? `/${error.stage}` : ''}]`
      : '';
  const message = redactUrl(describeError(error).replace(/\s*\n\s*/g, ' '));
  io.stderr.write(`proxmox-openapi ${commandName}${where}: ${message}\n`);
  if (verbose && error instanceof Error && error.stack) io.stderr.write(`${redactUrl(error.stack)}\n`);
  return error instanceof PipelineError ? error.exitCode : 3;
}
