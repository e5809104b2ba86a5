import { createClient as createPbsClient } from '@proxmox-openapi/client/pbs';
import { createClient as createPveClient, ProxmoxApiError } from '@proxmox-openapi/client/pve';
import { describe, expect, inject, it } from 'vitest';
import { recordingFetch } from './support/recording-fetch.js';
import { runScenario } from './typed-scenario.js';

describe('the typed scenario against Prism mocks of the published documents', () => {
  // The mocks are started once per test run (test/support/prism-mocks.ts).
  const pveMock = { baseUrl: inject('prismMocks').pve };
  const pbsMock = { baseUrl: inject('prismMocks').pbs };

  it('runs every call, each request accepted by the document (token for PVE, login ticket for PBS)', async () => {
    const recorder = recordingFetch();
    const pve = createPveClient({
      baseUrl: pveMock.baseUrl,
      auth: { token: 'root@pam!scenario=00000000-0000-0000-0000-000000000000' },
      fetch: recorder.fetch,
    });
    const pbs = createPbsClient({
      baseUrl: pbsMock.baseUrl,
      auth: { username: 'admin@pbs', password: 'secret' },
      fetch: recorder.fetch,
    });
    const calls = await runScenario(pve, pbs);
    expect(calls.length).toBeGreaterThanOrEqual(25);
    // One more exchange than calls: the PBS login.
    expect(recorder.exchanges).toHaveLength(calls.length + 1);
    expect(recorder.exchanges.filter((e) => e.requestViolations.length > 0)).toEqual([]);
    expect(recorder.exchanges.filter((e) => e.status >= 300)).toEqual([]);
  });

  it('is a mock that refuses what the document refuses: a bad value, a value out of range, a write without CSRF', async () => {
    const recorder = recordingFetch();
    const pve = createPveClient({
      baseUrl: pveMock.baseUrl,
      auth: { token: 'root@pam!scenario=00000000-0000-0000-0000-000000000000' },
      fetch: recorder.fetch,
    });
    // Casts stand in for a caller without types.
    const badValue = { params: { path: { node: 'pve1' } }, body: { vmid: 100, start: 'maybe' } } as never;
    await expect(pve.POST('/nodes/{node}/qemu', badValue)).rejects.toBeInstanceOf(ProxmoxApiError);
    // (Prism decodes a form by the schema's properties, so it does not see an unknown field.)
    const tooSmall = { params: { path: { node: 'pve1' } }, body: { vmid: 5 } } as never;
    await expect(pve.POST('/nodes/{node}/qemu', tooSmall)).rejects.toBeInstanceOf(ProxmoxApiError);
    expect(recorder.exchanges.map((e) => e.requestViolations.join(' | '))).toEqual([
      expect.stringContaining('request.body.start'),
      expect.stringContaining('request.body.vmid'),
    ]);

    // A ticket without its CSRF token may read but not write.
    const withoutCsrf = createPbsClient({
      baseUrl: pbsMock.baseUrl,
      auth: { username: 'admin@pbs', password: 'secret' },
      fetch: (request) => {
        request.headers.delete('CSRFPreventionToken');
        return fetch(request);
      },
    });
    await expect(withoutCsrf.GET('/admin/datastore')).resolves.toBeDefined();
    const refused = await withoutCsrf
      .POST('/config/datastore', { body: { name: 'x', path: '/x' } })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(ProxmoxApiError);
    expect((refused as ProxmoxApiError).status).toBe(401);
  });
});
