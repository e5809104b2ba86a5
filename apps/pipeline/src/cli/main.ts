import { redactingIo, UsageError } from '@proxmox-openapi/core';
import { type CommandIo, quietIo } from './command-io.js';
import type { Command } from './declare-command.js';
import { GLOBAL_OPTIONS, splitGlobalOptions } from './global-options.js';
import { helpText } from './help-text.js';
import { COMMANDS, findCommand } from './registry.js';
import { reportError } from './report-error.js';
import { appVersion } from './version.js';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  const inContainers = COMMANDS.filter((c) => c.engine === 'whole').map((c) => c.name);
  return `usage: proxmox-openapi <command> [options]
       proxmox-openapi --version | --help

OpenAPI documents for the Proxmox VE and Proxmox Backup Server APIs.

commands:
${list}

Run 'proxmox-openapi <command> --help' for a command's options. Every command takes --quiet
(${GLOBAL_OPTIONS.quiet.description}) and --verbose (${GLOBAL_OPTIONS.verbose.description}).
${inContainers.join(', ')} and pipeline also take --engine local|dagger (default local): dagger runs
the work in containers of this workspace (needs the dagger CLI or a Dagger session).
Exit codes: 0 success, 1 findings, 2 usage error, 3 input or network error.
`;
}

async function runOn(command: Command, argv: readonly string[], io: CommandIo): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    const global = splitGlobalOptions(command, argv);
    if (global.help) {
      io.stdout.write(helpText(command));
      return 0;
    }
    const out = global.quiet ? quietIo(io) : io;
    if (command.engine === 'whole' && global.engine === 'dagger') {
      // Loaded only here: the Dagger SDK costs more than a second to load.
      const { runInContainer } = await import('../engines/dagger-command.js');
      return await runInContainer(command, global.rest, out);
    }
    return await command.execute(global.rest, global.engine, out);
  } catch (error) {
    return reportError(command.name, error, io, verbose);
  }
}

/** The `proxmox-openapi` command line: dispatches to a sub-command and returns the exit code. */
export async function main(argv: readonly string[], given: CommandIo): Promise<number> {
  // Nothing a command prints may carry a password from a URL (a `--source` with userinfo).
  const io = redactingIo(given);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`proxmox-openapi ${appVersion()}\n`);
    return 0;
  }
  const command = findCommand(name);
  if (!command) {
    const what = name.startsWith('-')
      ? `unknown option ${name} before the command`
      : `unknown command "${name}"`;
    return reportError(
      '',
      new UsageError(
        `${what} (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see 'proxmox-openapi --help')`,
      ),
      io,
      false,
    );
  }
  return runOn(command, rest, io);
}
