import { UsageError } from '@proxmox-openapi/core';
import type { EngineName } from '../engines/engine.js';
import type { CommandShape, OptionTable } from './declare-command.js';

/**
 * The options every command takes, handled by the dispatcher before the command's own parse;
 * `--engine` only on commands that declare where they run. Declared as a table so that
 * `--help` lists them as it lists a command's own.
 */
export const GLOBAL_OPTIONS = {
  engine: {
    type: 'string',
    value: 'ENGINE',
    description: 'local (default: in this process) or dagger (in containers of this workspace)',
    choices: ['local', 'dagger'],
    default: 'local',
  },
  quiet: { type: 'boolean', description: 'print nothing but warnings and errors' },
  verbose: { type: 'boolean', description: 'print the stack of an error' },
  help: { type: 'boolean', description: 'print this help' },
} as const satisfies OptionTable;

/** The global options that a command takes, in the order `--help` lists them. */
export function globalOptionsOf(command: CommandShape): OptionTable {
  const { engine, ...always } = GLOBAL_OPTIONS;
  return command.engine ? { engine, ...always } : always;
}

/** The global options found in a command's arguments, and the arguments left for the command. */
export interface GlobalArguments {
  engine: EngineName;
  quiet: boolean;
  verbose: boolean;
  help: boolean;
  rest: string[];
}

/**
 * Checks the value of `--engine` (every command that takes it says the same).
 * @throws UsageError for anything but `local` or `dagger`.
 */
export function parseEngineName(value: string): EngineName {
  if (value !== 'local' && value !== 'dagger') {
    throw new UsageError(`unknown engine "${value}": expected local or dagger`);
  }
  return value;
}

/**
 * Takes the global options out of a command's arguments (anywhere before `--`). `--engine` is
 * taken only when the command declares an engine use; elsewhere it stays and is refused as an
 * unknown option of that command.
 * @throws UsageError for an unknown engine or `--engine` without a value.
 */
export function splitGlobalOptions(command: CommandShape, argv: readonly string[]): GlobalArguments {
  const found: GlobalArguments = { engine: 'local', quiet: false, verbose: false, help: false, rest: [] };
  let engine: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      found.rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--quiet' || arg === '-q') found.quiet = true;
    else if (arg === '--verbose') found.verbose = true;
    else if (arg === '--help' || arg === '-h') found.help = true;
    else if (command.engine && arg === '--engine') {
      engine = argv[++i];
      if (engine === undefined) throw new UsageError('--engine needs a value: local or dagger');
    } else if (command.engine && arg.startsWith('--engine=')) engine = arg.slice('--engine='.length);
    else found.rest.push(arg);
  }
  if (engine !== undefined) found.engine = parseEngineName(engine);
  return found;
}
