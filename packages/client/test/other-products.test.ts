import { createClient as createPdmClient } from '@proxmox-openapi/client/pdm';
import { createClient as createPmgClient } from '@proxmox-openapi/client/pmg';
import { describe, expect, inject, it } from 'vitest';
import { runScenario } from './other-products/scenario.js';
import { recordingFetch } from './support/recording-fetch.js';

describe('the PMG and PDM scenario against Prism mocks of the published documents', () => {
  // The mocks are started once per test run (test/support/prism-mocks.ts).
  const pmgMock = { baseUrl: inject('prismMocks').pmg };
  const pdmMock = { baseUrl: inject('prismMocks').pdm };

  it('runs every call: a PMG ticket login (PMG has no tokens) and a PDM token, every request accepted', async () => {
    const recorder = recordingFetch();
    const pmg = createPmgClient({
      baseUrl: pmgMock.baseUrl,
      auth: { username: 'root@pam', password: 'secret' },
      fetch: recorder.fetch,
    });
    const pdm = createPdmClient({
      baseUrl: pdmMock.baseUrl,
      auth: { token: 'admin@pam!ops=00000000-0000-0000-0000-000000000000' },
      fetch: recorder.fetch,
    });
    const calls = await runScenario(pmg, pdm);
    expect(calls).toHaveLength(11);
    expect(recorder.exchanges).toHaveLength(12); // and the PMG login
    expect(recorder.exchanges.filter((e) => e.requestViolations.length > 0 || e.status >= 300)).toEqual([]);
    expect(recorder.exchanges.filter((e) => e.url.startsWith(pdmMock.baseUrl))).toHaveLength(5);
  });
});
