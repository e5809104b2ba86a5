import { describe, expect, it } from 'vitest';
import { generateSpec } from './generate-spec.js';
import { fixture } from './test-support/fixtures.js';
import { createRequestValidator } from './test-support/request-validator.js';

const TOKEN = { authorization: 'PVEAPIToken=root@pam!ci=0b0d3c2c-7d5e-4e1b-9f53-6d1c2a9b8e10' };

// PVE 8.x: the items of the guest agent's `exec` `command` have `format: string` and no type.
describe('array items typed only by `format: string` (PVE 8.3, agent exec)', () => {
  const { tree, target } = fixture('pve-docs-8.3.2-2025-04-09.json.gz', 'pve');
  const document = generateSpec(tree, { target });
  const schemas = document.components?.schemas as Record<string, { properties: Record<string, unknown> }>;

  it('are strings', () => {
    const command = schemas.PostNodesByNodeQemuByVmidAgentExecRequest?.properties.command;
    expect(command).toMatchObject({ type: 'array', items: { type: 'string', format: 'string' } });
  });

  it('so a client sends the program and its arguments as strings, and nothing else', () => {
    const { checkRequest } = createRequestValidator(document);
    const exec = (json: unknown) =>
      checkRequest({ method: 'POST', url: '/nodes/pve1/qemu/100/agent/exec', body: { json }, headers: TOKEN })
        .errors;
    expect(exec({ command: ['ls', '-l', '/'] })).toEqual([]);
    expect(exec({ command: [{ program: 'ls' }] }).join('\n')).toContain('must be string');
  });
});
