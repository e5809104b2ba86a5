import { defineCommand, UsageError } from '@proxmox-openapi/core';

// Placeholder until the stage lands; replaced by the stage's real command.
export const generateCommand = defineCommand({
  name: 'generate',
  summary: '(not built yet)',
  usage: 'usage: proxmox-openapi generate (not built yet)',
  options: {},
  allowPositionals: true,
  async run() {
    throw new UsageError('the generate command is not built yet');
  },
});
