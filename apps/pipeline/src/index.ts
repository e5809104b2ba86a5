export { main } from './cli.js';
export type { CommandEntry } from './commands.js';
export { COMMANDS } from './commands.js';
