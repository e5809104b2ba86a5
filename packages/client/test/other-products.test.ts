import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createClient as createPdmClient } from '@proxmox-openapi/client/pdm';
import { createClient as createPmgClient } from '@proxmox-openapi/client/pmg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from './other-products/scenario.js';
import { type PrismMock, startPrism } from './support/prism.js';
import { recordingFetch } from './support/recording-fetch.js';

const require = createRequire(import.meta.url);
const load = (id: string) =>
  JSON.parse(readFileSync(require.resolve(`@proxmox-openapi/client/${id}/openapi.json`), 'utf8'));

describe('the PMG and PDM scenario against Prism mocks of the published documents', () => {
  let pmgMock: PrismMock;
  let pdmMock: PrismMock;
  beforeAll(async () => {
    [pmgMock, pdmMock] = await Promise.all([startPrism(load('pmg'), 'pmg'), startPrism(load('pdm'), 'pdm')]);
  }, 400_000);
  afterAll(async () => {
    await Promise.all([pmgMock?.stop(), pdmMock?.stop()]);
  });

  it('runs every call: a PMG ticket login (PMG has no tokens) and a PDM token, every request accepted', {
    timeout: 120_000,
  }, async () => {
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
