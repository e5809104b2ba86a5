// Type-checked by `pnpm lint` (its @ts-expect-error lines must each meet an error) and run by
// other-products.test.ts against Prism mocks of the published PMG and PDM documents.
import type { ProxmoxClient as PdmClient, paths as PdmPaths } from '@proxmox-openapi/client/pdm';
import type { ProxmoxClient as PmgClient, paths as PmgPaths } from '@proxmox-openapi/client/pmg';

/** Calls on a Mail Gateway (ticket) and a Datacenter Manager (token), typed by their documents. */
export async function runScenario(pmg: PmgClient<PmgPaths>, pdm: PdmClient<PdmPaths>): Promise<string[]> {
  const calls: string[] = [];
  const pmgVersion = await pmg.GET('/version');
  calls.push(`pmg version ${pmgVersion.version}`);
  const who = await pmg.GET('/config/ruledb/who');
  calls.push(`who ${who.length}`);
  await pmg.POST('/config/ruledb/who', { body: { name: 'partners', info: 'mail from partners' } });
  calls.push('who create');
  await pmg.PUT('/config/admin', { body: { dailyreport: true, demo: 0 } });
  calls.push('admin config');
  const spam = await pmg.GET('/quarantine/spam', { params: { query: { pmail: 'alice@example.com' } } });
  calls.push(`spam ${spam.length}`);
  const pmgTasks = await pmg.GET('/nodes/{node}/tasks', {
    params: { path: { node: 'pmg1' }, query: { limit: 5 } },
  });
  calls.push(`pmg tasks ${pmgTasks.length}`);

  const pdmVersion = await pdm.GET('/version');
  calls.push(`pdm version ${pdmVersion.version}`);
  const remotes = await pdm.GET('/remotes/remote');
  calls.push(`remotes ${remotes.length}`);
  const resources = await pdm.GET('/resources/list', { params: { query: { search: 'web' } } });
  calls.push(`resources ${resources.length}`);
  const guests = await pdm.GET('/pve/remotes/{remote}/qemu', { params: { path: { remote: 'cluster-a' } } });
  calls.push(`guests ${guests.length}`);
  const pdmTasks = await pdm.GET('/nodes/{node}/tasks', {
    params: { path: { node: 'localhost' }, query: { running: true } },
  });
  calls.push(`pdm tasks ${pdmTasks.length}`);
  return calls;
}

/** Calls that must not compile; never run. */
export async function wrongCalls(pmg: PmgClient<PmgPaths>, pdm: PdmClient<PdmPaths>): Promise<void> {
  // @ts-expect-error PMG has no /remotes
  await pmg.GET('/remotes');
  // @ts-expect-error a missing required body parameter: name
  await pmg.POST('/config/ruledb/who', { body: { info: 'x' } });
  // @ts-expect-error a wrong parameter name: "remot"
  await pdm.GET('/pve/remotes/{remote}/qemu', { params: { path: { remot: 'a' } } });
  // @ts-expect-error a wrong value type: limit is a number
  await pdm.GET('/nodes/{node}/tasks', { params: { path: { node: 'localhost' }, query: { limit: 'ten' } } });
}
