import type { Command } from '@proxmox-openapi/core';
import { lintCommand } from './lint-command.js';
import { pipelineCommand } from './pipeline-command.js';

/** A sub-command as the dispatcher lists it; its module is loaded only when it runs. */
export interface CommandEntry {
  name: string;
  /** One line for the command list (kept equal to the command's own summary by a test). */
  summary: string;
  load(): Promise<Command>;
}

const eager = (command: Command): CommandEntry => ({
  name: command.name,
  summary: command.summary,
  load: async () => command,
});

/**
 * Every sub-command of `proxmox-openapi`, in the order `--help` lists them. The stage packages'
 * commands are imported on use: `validate` alone pulls in Redocly (about 0.8 s of CPU), which a
 * `pipeline` run that replays its stages from the cache, or `--help`, never needs.
 */
export const COMMANDS: readonly CommandEntry[] = [
  eager(pipelineCommand as Command),
  {
    name: 'fetch',
    summary: "download an API viewer's apidoc.js and write its schema as JSON",
    load: async () => (await import('@proxmox-openapi/apidoc-fetch')).fetchCommand as Command,
  },
  {
    name: 'generate',
    summary: 'turn an apidoc (apidoc.js or JSON) into <api>-api.json and <api>-api.yaml',
    load: async () => (await import('@proxmox-openapi/spec-generate')).generateCommand as Command,
  },
  {
    name: 'validate',
    summary: 'check an OpenAPI document: OpenAPI rules, coverage of the apidoc, YAML twin',
    load: async () => (await import('@proxmox-openapi/validate')).validateCommand as Command,
  },
  {
    name: 'stats',
    summary: 'write the statistics of documents into their READMEs (between markers)',
    load: async () => (await import('@proxmox-openapi/readme-stats')).statsCommand as Command,
  },
  eager(lintCommand as Command),
];
