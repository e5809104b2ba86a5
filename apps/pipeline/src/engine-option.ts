import { UsageError } from '@proxmox-openapi/core';

/** The single-stage sub-commands that also run in a container with `--engine dagger`. */
export const CONTAINER_COMMANDS: readonly string[] = ['fetch', 'generate', 'validate', 'lint'];

/**
 * Takes `--engine local|dagger` (or `--engine=…`) out of a single-stage command's arguments.
 * The stage packages' own commands know nothing of engines: the app decides where they run.
 * @throws UsageError for an unknown engine or a missing value.
 */
export function splitEngineOption(argv: readonly string[]): {
  engine: 'local' | 'dagger';
  rest: string[];
} {
  let engine: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--engine') {
      engine = argv[++i];
      if (engine === undefined) throw new UsageError('--engine needs a value: local or dagger');
    } else if (arg.startsWith('--engine=')) {
      engine = arg.slice('--engine='.length);
    } else {
      rest.push(arg);
    }
  }
  return { engine: engine === undefined ? 'local' : parseEngineName(engine), rest };
}

/**
 * Checks the value of `--engine` (every command that takes it says the same).
 * @throws UsageError for anything but `local` or `dagger`.
 */
export function parseEngineName(value: string): 'local' | 'dagger' {
  if (value !== 'local' && value !== 'dagger') {
    throw new UsageError(`unknown engine "${value}": expected local or dagger`);
  }
  return value;
}
