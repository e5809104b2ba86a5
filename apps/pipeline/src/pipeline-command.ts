import { defineCommand, UsageError } from '@proxmox-openapi/core';

// Placeholder until the orchestrator lands (issue 6).
export const pipelineCommand = defineCommand({
  name: 'pipeline',
  summary: '(not built yet)',
  usage: 'usage: proxmox-openapi pipeline (not built yet)',
  options: {},
  async run() {
    throw new UsageError('the pipeline command is not built yet');
  },
});
