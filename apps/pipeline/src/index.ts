export type { CommandIo } from './cli/command-io.js';
export type { Command, CommandSpec, OptionSpec, OptionTable } from './cli/declare-command.js';
export { defineCommand } from './cli/declare-command.js';
export { main } from './cli/main.js';
export { COMMANDS } from './cli/registry.js';
export { runProcess } from './cli/run-process.js';
