import { getApiTarget } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import { generateSpec } from './generate-spec.js';
import { UNSTABLE_NOTE } from './operation.js';
import { method, node, tree } from './test-support/tree.js';

// One small tree, generated for each product: what differs comes from the registry entry only.
const sample = tree(
  node('/access/ticket', { POST: method('POST', {}, { permissions: { user: 'world' } }) }),
  node('/nodes/{node}/status', {
    GET: method('GET', { node: { type: 'string' } }, { allowtoken: 1 }),
    POST: method('POST', { node: { type: 'string' } }, { allowtoken: 1, unstable: true }),
  }),
  node('/nodes/{node}/stable', { GET: method('GET', { node: { type: 'string' } }, { unstable: false }) }),
);

type Schemes = Record<string, { name: string; description: string }>;

function generate(id: string, sourceDate?: string) {
  const options = { target: getApiTarget(id), ...(sourceDate ? { sourceDate } : {}) };
  const doc = generateSpec(sample, options);
  const schemes = (doc.components?.securitySchemes ?? {}) as Schemes;
  const op = (path: string, verb: string) => doc.paths[path]?.[verb] as Record<string, unknown>;
  return { doc, schemes, op };
}

describe('per-product dialect, read from the registry', () => {
  it('writes each product token header with its own separator', () => {
    expect(generate('pve').schemes.ApiToken?.description).toContain(
      '`Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET`',
    );
    expect(generate('pve8').schemes.ApiToken?.description).toContain('PVEAPIToken=USER@REALM!TOKENID=SECRET');
    for (const [id, prefix] of [
      ['pbs', 'PBSAPIToken'],
      ['pdm', 'PDMAPIToken'],
    ]) {
      const { schemes, doc } = generate(id as string);
      expect(schemes.ApiToken?.description, id).toContain(
        `\`Authorization: ${prefix}=USER@REALM!TOKENID:SECRET\``,
      );
      expect(schemes.ApiToken?.description, id).toContain('colon');
      expect(schemes.ApiToken?.description, id).not.toContain('TOKENID=SECRET');
      expect(doc.info.description, id).toContain(`${prefix}=USER@REALM!TOKENID:SECRET`);
    }
  });

  it('offers PMG only the ticket: it has no API tokens, whatever allowtoken says', () => {
    const { schemes, op, doc } = generate('pmg');
    expect(Object.keys(schemes).sort()).toEqual(['CsrfToken', 'Ticket']);
    expect(schemes.Ticket?.name).toBe('PMGAuthCookie');
    expect(op('/nodes/{node}/status', 'get').security).toEqual([{ Ticket: [] }]);
    expect(op('/nodes/{node}/status', 'post').security).toEqual([{ Ticket: [], CsrfToken: [] }]);
    expect(doc.info.description).toContain('has no API tokens');
    expect(JSON.stringify(doc)).not.toContain('ApiToken');
  });

  it('names the cookie that PDM sets as HttpOnly, and its port', () => {
    const { schemes, doc } = generate('pdm');
    expect(schemes.Ticket?.name).toBe('__Host-PDMAuthCookie');
    expect(schemes.Ticket?.description).toContain('HttpOnly');
    const servers = doc.servers as { variables: { port: { default: string } } }[];
    expect(servers[0]?.variables.port.default).toBe('8443');
    expect(doc.info.description).toContain('`/pve/...` and `/pbs/...` subtrees proxy');
  });

  it('says in the description when an operation is unstable, beside x-proxmox-unstable', () => {
    const { op } = generate('pdm');
    const unstable = op('/nodes/{node}/status', 'post');
    expect(unstable['x-proxmox-unstable']).toBe(true);
    expect(unstable.description).toBe(`POST something.\n\n${UNSTABLE_NOTE}`);
    const stable = op('/nodes/{node}/stable', 'get');
    expect(stable['x-proxmox-unstable']).toBe(false);
    expect(String(stable.description ?? '')).not.toContain('Unstable');
  });

  it('warns loudly in info.description when the schema is the outdated PMG snapshot', () => {
    const old = generate('pmg', '2020-11-18T00:00:00.000Z').doc.info.description ?? '';
    expect(old.startsWith('**WARNING: OUTDATED SCHEMA.**')).toBe(true);
    expect(old).toContain('2020-11-18');
    expect(generate('pmg').doc.info.description).toContain('OUTDATED');
    expect(generate('pmg', '2026-11-01T00:00:00.000Z').doc.info.description).not.toContain('OUTDATED');
    expect(generate('pve', '2026-08-16T00:00:00.000Z').doc.info.description).toContain('as of 2026-08-16');
  });
});
