import { fetchCommand } from '@proxmox-openapi/apidoc-fetch';
import type { Command } from '@proxmox-openapi/core';
import { statsCommand } from '@proxmox-openapi/readme-stats';
import { generateCommand } from '@proxmox-openapi/spec-generate';
import { validateCommand } from '@proxmox-openapi/validate';
import { lintCommand } from './lint-command.js';
import { pipelineCommand } from './pipeline-command.js';

/** Every sub-command of `proxmox-openapi`, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  pipelineCommand,
  fetchCommand,
  generateCommand,
  validateCommand,
  statsCommand,
  lintCommand,
] as Command[];
