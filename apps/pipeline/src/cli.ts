import { type CommandIo, processIo, runCommand } from '@proxmox-openapi/core';
import { COMMANDS } from './commands.js';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `usage: proxmox-openapi <command> [options]

OpenAPI documents for the Proxmox VE and Proxmox Backup Server APIs.

commands:
${list}

Run 'proxmox-openapi <command> --help' for a command's options.
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
  return runCommand(await entry.load(), rest, io);
}
