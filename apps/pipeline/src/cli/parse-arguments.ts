import { parseArgs } from 'node:util';
import { UsageError } from '@proxmox-openapi/core';
import type { CommandShape, OptionTable, OptionValues, StringOption } from './declare-command.js';

/** The command's options and positionals, checked and typed by its declaration. */
export interface ParsedValues<O extends OptionTable> {
  values: OptionValues<O>;
  positionals: string[];
}

const seeHelp = (name: string): string => `(see 'proxmox-openapi ${name} --help')`;

// The option a node:util parse error is about: its messages quote it ('--api', '-x').
function quotedOption(message: string): string {
  return /'(-[^' ]+)/.exec(message)?.[1] ?? '';
}

/**
 * Says what node:util's `parseArgs` refused in the words of the command's own help, instead of
 * its `ERR_PARSE_ARGS_*` messages, which speak of "positional arguments" and "ambiguous" values.
 */
export function describeArgumentError(shape: CommandShape, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const option = quotedOption(message);
  const flag = option.replace(/^--?/, '');
  const spec = shape.options[flag];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = Object.keys(shape.options).map((o) => `--${o}`);
    return `unknown option ${option}${known.length > 0 ? ` (${shape.name} takes ${known.join(', ')})` : ` (${shape.name} takes no options)`}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (spec?.type === 'boolean') return `${option} is a flag and takes no value`;
    const value = spec?.type === 'string' ? ` ${spec.value}` : '';
    return `${option} needs a value${value ? `:${value}` : ''} (to pass a value starting with "-", write ${option}=VALUE)`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const argument = /argument '([^']*)'/.exec(message)?.[1] ?? '';
    return shape.positionals
      ? `unexpected argument "${argument}"`
      : `unexpected argument "${argument}": ${shape.name} takes options only`;
  }
  return message.replace(/\s*\n\s*/g, ' ');
}

function checkString(name: string, spec: StringOption, value: string): void {
  if (spec.choices && !spec.choices.includes(value)) {
    const choices = spec.choices.map((c) => c).join(' or ');
    throw new UsageError(`--${name} must be ${choices}, not "${value}"`);
  }
}

/**
 * Parses a command's arguments with node:util's `parseArgs`, then applies what the declaration
 * adds: required options, choices, defaults and the number of positionals.
 * @throws UsageError with one line in the help's words.
 */
export function parseArguments<O extends OptionTable>(
  shape: CommandShape<O>,
  argv: readonly string[],
): ParsedValues<O> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(shape.options).map(([name, spec]) => [
          name,
          spec.type === 'string' ? { type: 'string', multiple: spec.multiple === true } : { type: 'boolean' },
        ]),
      ),
      allowPositionals: shape.positionals !== undefined,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${describeArgumentError(shape, error)} ${seeHelp(shape.name)}`);
  }
  const values: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, spec] of Object.entries(shape.options)) {
    const given = parsed.values[name];
    if (spec.type === 'boolean') {
      values[name] = given === true;
      continue;
    }
    if (spec.multiple) {
      const list = Array.isArray(given) ? given.filter((v) => typeof v === 'string') : [];
      for (const v of list) checkString(name, spec, v);
      values[name] = list;
      continue;
    }
    const value = typeof given === 'string' ? given : spec.default;
    if (value === undefined && spec.required) {
      throw new UsageError(`--${name} ${spec.value} is required ${seeHelp(shape.name)}`);
    }
    if (value !== undefined) checkString(name, spec, value);
    values[name] = value;
  }
  const positionals = parsed.positionals;
  const wanted = shape.positionals;
  if (wanted) {
    const { min, max } = wanted;
    if (positionals.length < min || (max !== undefined && positionals.length > max)) {
      const count =
        max === min
          ? `${min === 1 ? 'one' : min} ${wanted.name}`
          : `at least ${min === 1 ? 'one' : min} ${wanted.name}`;
      throw new UsageError(`expected ${count}, got ${positionals.length} ${seeHelp(shape.name)}`);
    }
  }
  // `values` was built from this very table, one key per option with the type its declaration
  // gives it: the mapped type is what the loop above makes, which TypeScript cannot follow.
  return { values: values as OptionValues<O>, positionals };
}
