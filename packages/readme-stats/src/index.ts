import { defineCommand, UsageError } from '@proxmox-openapi/core';

// Placeholder until the stage lands; replaced by the stage's real command.
export const statsCommand = defineCommand({
  name: 'stats',
  summary: '(not built yet)',
  usage: 'usage: proxmox-openapi stats (not built yet)',
  options: {},
  allowPositionals: true,
  async run() {
    throw new UsageError('the stats command is not built yet');
  },
});
