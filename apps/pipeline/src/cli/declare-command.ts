import type { WorkspaceBuildScope } from '@proxmox-openapi/core/dagger';
import type { EngineName } from '../engines/engine.js';
import type { CommandIo } from './command-io.js';
import { parseArguments } from './parse-arguments.js';

/**
 * What a file option names, so that `--engine dagger` knows what to mount into the container
 * and what to export back: a file or folder it reads (`input`; a URL is passed as it is), a
 * file or folder it writes, or the download cache, which the engine's cache volume replaces.
 */
export type FileRole = 'input' | 'output-file' | 'output-dir' | 'download-cache';

/** An option that takes a value. */
export interface StringOption {
  readonly type: 'string';
  /** The value's name in `--help` (`FILE`, `API`, `N`). */
  readonly value: string;
  readonly description: string;
  readonly required?: boolean;
  /** Given more than once, every value is kept in order. */
  readonly multiple?: boolean;
  /** The only values accepted; anything else is a usage error naming them. */
  readonly choices?: readonly string[];
  /** The value when the option is not given (shown in `--help`). */
  readonly default?: string;
  readonly file?: FileRole;
}

/** A flag. */
export interface BooleanOption {
  readonly type: 'boolean';
  readonly description: string;
  /** The command changes the repository's sources when this is set (`lint --fix`). */
  readonly changesSources?: boolean;
}

export type OptionSpec = StringOption | BooleanOption;
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The value a parsed option has, derived from its declaration. */
export type OptionValue<S extends OptionSpec> = S extends BooleanOption
  ? boolean
  : S extends { multiple: true }
    ? string[]
    : S extends { choices: readonly (infer C)[] }
      ? S extends { required: true } | { default: string }
        ? C
        : C | undefined
      : S extends { required: true } | { default: string }
        ? string
        : string | undefined;

/** Every option of a table with the type its declaration gives it. */
export type OptionValues<O extends OptionTable> = { -readonly [K in keyof O]: OptionValue<O[K]> };

/** The positional arguments a command takes. */
export interface PositionalSpec {
  /** Their name in `--help` (`SPEC`). */
  readonly name: string;
  readonly min: number;
  /** Most accepted; no limit when absent. */
  readonly max?: number;
  readonly description: string;
  /** Each one names a file the command reads. */
  readonly file?: 'input';
}

/**
 * Where a command may run. `whole` commands run in-process or, with `--engine dagger`, as the
 * same command in a container of the workspace; `per-target` commands take `--engine` and
 * hand it to their run (the pipeline runs each target on it).
 */
export type EngineUse = 'whole' | 'per-target';

/** What a command's run receives: its options typed by their declaration. */
export interface ParsedArguments<O extends OptionTable> {
  values: OptionValues<O>;
  positionals: string[];
  /** `--engine`, for a `per-target` command; `local` otherwise. */
  engine: EngineName;
}

/** A sub-command, declared once: its name, help, options and what it does. */
export interface CommandSpec<O extends OptionTable = OptionTable> {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The paragraph under the usage line of `--help`. */
  readonly description: string;
  readonly options: O;
  readonly positionals?: PositionalSpec;
  readonly engine?: EngineUse;
  /**
   * What a container of a `whole` command builds with `--engine dagger`: the command line's
   * packages (the default), or everything (lint typechecks every package).
   */
  readonly containerBuild?: WorkspaceBuildScope;
  /** Lines after the options in `--help` (exit codes, environment). */
  readonly notes?: string;
  /** Does the work with checked arguments; returns the exit code or throws a PipelineError. */
  run(args: ParsedArguments<O>, io: CommandIo): Promise<number>;
}

/** What parsing and help need of a command: everything but its run. */
export type CommandShape<O extends OptionTable = OptionTable> = Omit<CommandSpec<O>, 'run'>;

/**
 * A declared command as the registry lists it: the declaration's shape, and its run behind
 * the parser, so that the registry needs no knowledge of each command's option types.
 */
export interface Command extends CommandShape {
  /** Parses `argv` against the declaration and runs the command. */
  execute(argv: readonly string[], engine: EngineName, io: CommandIo): Promise<number>;
}

/**
 * Declares a command. The `const` type parameter keeps the literal option table, so that the
 * values its run receives are typed from the same declaration that drives parsing and help.
 */
export function defineCommand<const O extends OptionTable>(spec: CommandSpec<O>): Command {
  const { run, ...shape } = spec;
  return {
    ...shape,
    execute: async (argv, engine, io) => run({ ...parseArguments(spec, argv), engine }, io),
  };
}

/** Whether an `input` option's value is a URL (passed as it is) rather than a file to read. */
export function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}
