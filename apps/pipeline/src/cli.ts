import { type CommandIo, processIo, reportError, runCommand } from '@proxmox-openapi/core';
import { COMMANDS } from './commands.js';
import { CONTAINER_COMMANDS, splitEngineOption } from './engine-option.js';
import { findWorkspaceRoot } from './workspace-root.js';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `usage: proxmox-openapi <command> [options]

OpenAPI documents for the Proxmox VE and Proxmox Backup Server APIs.

commands:
${list}

Run 'proxmox-openapi <command> --help' for a command's options.
${CONTAINER_COMMANDS.join(', ')} also take --engine local|dagger (default local): dagger runs
the same command in a container of this workspace (needs the dagger CLI or a Dagger session).
Exit codes: 0 success, 1 findings, 2 usage error, 3 input or network error.
`;
}

/** The `proxmox-openapi` command line: dispatches to a sub-command and returns the exit code. */
export async function main(argv: readonly string[], io: CommandIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(
      `proxmox-openapi: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})\n`,
    );
    return 2;
  }
  if (!CONTAINER_COMMANDS.includes(name)) return runCommand(await entry.load(), rest, io);
  let engine: 'local' | 'dagger';
  let stageArgs: string[];
  try {
    ({ engine, rest: stageArgs } = splitEngineOption(rest));
    if (engine === 'dagger') {
      // Loaded only here: the Dagger SDK costs more than a second to load.
      const { runDaggerCommand } = await import('./engines/dagger-command.js');
      return await runDaggerCommand(name, stageArgs, io, findWorkspaceRoot(io.cwd));
    }
  } catch (error) {
    return reportError(name, error, io, rest.includes('--verbose'));
  }
  return runCommand(await entry.load(), stageArgs, io);
}
