import { defineCommand, UsageError } from '@proxmox-openapi/core';

// Placeholder until the stage lands; replaced by the stage's real command.
export const validateCommand = defineCommand({
  name: 'validate',
  summary: '(not built yet)',
  usage: 'usage: proxmox-openapi validate (not built yet)',
  options: {},
  allowPositionals: true,
  async run() {
    throw new UsageError('the validate command is not built yet');
  },
});
