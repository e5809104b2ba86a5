import type { CommandShape, OptionSpec, OptionTable } from './declare-command.js';
import { globalOptionsOf } from './global-options.js';

function optionLabel(name: string, spec: OptionSpec): string {
  return spec.type === 'string' ? `--${name} ${spec.value}` : `--${name}`;
}

function optionText(spec: OptionSpec): string {
  if (spec.type === 'boolean') return spec.description;
  const notes = [
    spec.required ? 'required' : undefined,
    spec.multiple ? 'may be given more than once' : undefined,
  ].filter(Boolean);
  return notes.length > 0 ? `${spec.description} (${notes.join('; ')})` : spec.description;
}

function optionLines(tables: readonly OptionTable[]): string {
  const rows = tables.flatMap((table) =>
    Object.entries(table).map(([name, spec]) => [optionLabel(name, spec), optionText(spec)] as const),
  );
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`).join('\n');
}

/** The usage line: positionals, required options, then `[options]`. */
export function usageLine(command: CommandShape): string {
  const parts = ['usage: proxmox-openapi', command.name];
  const p = command.positionals;
  if (p) {
    // `...` only where more may follow: `SPEC...` repeats, `OLD NEW` is exactly the two it names.
    const named = p.max === undefined ? `${p.name}...` : p.name;
    parts.push(p.min === 0 ? `[${named}]` : named);
  }
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.type === 'string' && spec.required) parts.push(optionLabel(name, spec));
  }
  parts.push('[options]');
  return parts.join(' ');
}

/** A command's `--help`, made from its declaration and the global options it takes. */
export function helpText(command: CommandShape): string {
  const sections = [usageLine(command), command.description.trim()];
  if (command.positionals) {
    sections.push(`  ${command.positionals.name}  ${command.positionals.description}`);
  }
  sections.push(`options:\n${optionLines([command.options, globalOptionsOf(command)])}`);
  if (command.notes) sections.push(command.notes.trim());
  return `${sections.join('\n\n')}\n`;
}
