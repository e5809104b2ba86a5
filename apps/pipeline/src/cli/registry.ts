import { changelogCommand } from './commands/changelog.js';
import { diffCommand } from './commands/diff.js';
import { fetchCommand } from './commands/fetch.js';
import { generateCommand } from './commands/generate.js';
import { lintCommand } from './commands/lint.js';
import { pipelineCommand } from './commands/pipeline.js';
import { siteCommand } from './commands/site.js';
import { statsCommand } from './commands/stats.js';
import { validateCommand } from './commands/validate.js';
import type { Command } from './declare-command.js';

/**
 * Every sub-command of `proxmox-openapi`, in the order `--help` lists them. A command is one
 * declaration (`defineCommand` in `commands/<name>.ts`) and one line here; its parsing, help,
 * `--engine` and container mounts all follow from it. The heavy stage packages are imported
 * inside each run, so `--help` and a cached `pipeline` never load them.
 */
export const COMMANDS: readonly Command[] = [
  pipelineCommand,
  fetchCommand,
  generateCommand,
  validateCommand,
  statsCommand,
  diffCommand,
  changelogCommand,
  siteCommand,
  lintCommand,
];

/** The command called `name`, if there is one. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
