import { defineCommand, UsageError } from '@proxmox-openapi/core';

// Placeholder until the stage lands; replaced by the stage's real command.
export const fetchCommand = defineCommand({
  name: 'fetch',
  summary: '(not built yet)',
  usage: 'usage: proxmox-openapi fetch (not built yet)',
  options: {},
  allowPositionals: true,
  async run() {
    throw new UsageError('the fetch command is not built yet');
  },
});
