import type { ProxmoxClient as PbsClient, paths as PbsPaths } from '@proxmox-openapi/client/pbs';
import type { ProxmoxClient as PveClient, paths as PvePaths } from '@proxmox-openapi/client/pve';

/**
 * A day with a PVE cluster and a PBS server, written as a user would, typed by the documents.
 * `pnpm lint` (tsc) compiles it: the `@ts-expect-error` lines prove that a wrong path, a wrong
 * parameter name, a missing required parameter and a wrong value type do not compile, and
 * `typed-scenario.test.ts` runs it against Prism mocks of the documents, which validate every
 * request. Each call is counted, so the test can check that all of them ran.
 */
export async function runScenario(pve: PveClient<PvePaths>, pbs: PbsClient<PbsPaths>): Promise<string[]> {
  const calls: string[] = [];
  const node = 'pve1';
  const vmid = 100;

  const version = await pve.GET('/version');
  const release: string = version.release;
  calls.push(`pve version ${release}`);

  const nodes = await pve.GET('/nodes');
  calls.push(`nodes ${nodes.map((n) => n.node).length}`);

  const vms = await pve.GET('/cluster/resources', { params: { query: { type: 'vm' } } });
  calls.push(`resources ${vms.length}`);

  const guests = await pve.GET('/nodes/{node}/qemu', { params: { path: { node }, query: { full: true } } });
  const firstVmid: number | undefined = guests[0]?.vmid;
  calls.push(`qemu ${firstVmid}`);

  // Optional properties with a default stay optional: only vmid is required.
  const create = await pve.POST('/nodes/{node}/qemu', {
    params: { path: { node } },
    body: {
      vmid,
      name: 'web',
      memory: '2048',
      net0: 'virtio,bridge=vmbr0',
      scsi0: 'local-lvm:32',
      start: true,
    },
  });
  const createUpid: string = create;
  calls.push(`create ${createUpid}`);

  const config = await pve.GET('/nodes/{node}/qemu/{vmid}/config', { params: { path: { node, vmid } } });
  calls.push(`config ${typeof config}`);

  await pve.PUT('/nodes/{node}/qemu/{vmid}/config', {
    params: { path: { node, vmid } },
    body: { delete: 'net1', onboot: 1, description: 'web server' },
  });
  calls.push('config put');

  const start = await pve.POST('/nodes/{node}/qemu/{vmid}/status/start', {
    params: { path: { node, vmid } },
  });
  calls.push(`start ${start}`);

  const current = await pve.GET('/nodes/{node}/qemu/{vmid}/status/current', {
    params: { path: { node, vmid } },
  });
  const status: 'running' | 'stopped' = current.status;
  calls.push(`current ${status}`);

  await pve.POST('/nodes/{node}/qemu/{vmid}/status/shutdown', {
    params: { path: { node, vmid } },
    body: { timeout: 60, forceStop: false },
  });
  calls.push('shutdown');

  await pve.DELETE('/nodes/{node}/qemu/{vmid}', { params: { path: { node, vmid }, query: { purge: 1 } } });
  calls.push('delete vm');

  const containers = await pve.GET('/nodes/{node}/lxc', { params: { path: { node } } });
  calls.push(`lxc ${containers.length}`);

  const storage = await pve.GET('/nodes/{node}/storage', {
    params: { path: { node }, query: { enabled: true } },
  });
  calls.push(`node storage ${storage.length}`);

  const storages = await pve.GET('/storage', { params: { query: { type: 'dir' } } });
  calls.push(`storage ${storages.length}`);

  const users = await pve.GET('/access/users', { params: { query: { full: 0 } } });
  calls.push(`users ${users.length}`);

  await pve.POST('/access/users', { body: { userid: 'alice@pve', comment: 'new colleague', enable: true } });
  calls.push('user create');

  const cluster = await pve.GET('/cluster/status');
  calls.push(`cluster ${cluster.length}`);

  const tasks = await pve.GET('/nodes/{node}/tasks', {
    params: { path: { node }, query: { limit: 10, errors: false } },
  });
  calls.push(`tasks ${tasks.length}`);

  const pools = await pve.GET('/pools');
  calls.push(`pools ${pools.length}`);

  await pve.POST('/pools', { body: { poolid: 'web' } });
  calls.push('pool create');

  const network = await pve.GET('/nodes/{node}/network', {
    params: { path: { node }, query: { type: 'bridge' } },
  });
  calls.push(`network ${network.length}`);

  const pbsVersion = await pbs.GET('/version');
  calls.push(`pbs version ${pbsVersion.version}`);

  const pong = await pbs.GET('/ping');
  calls.push(`ping ${pong.pong}`);

  const datastores = await pbs.GET('/admin/datastore');
  calls.push(`datastores ${datastores.length}`);

  const snapshots = await pbs.GET('/admin/datastore/{store}/snapshots', {
    params: { path: { store: 'backup' }, query: { 'backup-type': 'vm' } },
  });
  calls.push(`snapshots ${snapshots.length}`);

  const pbsTasks = await pbs.GET('/nodes/{node}/tasks', {
    params: { path: { node: 'localhost' }, query: { running: true } },
  });
  calls.push(`pbs tasks ${pbsTasks.length}`);

  const storeStatus = await pbs.GET('/admin/datastore/{store}/status', {
    params: { path: { store: 'backup' } },
  });
  calls.push(`store status ${typeof storeStatus.total}`);

  await pbs.POST('/config/datastore', { body: { name: 'offsite', path: '/srv/offsite' } });
  calls.push('datastore create');

  const pbsUsers = await pbs.GET('/access/users', { params: { query: { include_tokens: true } } });
  calls.push(`pbs users ${pbsUsers.length}`);

  return calls;
}

/** Calls that must not compile; never run (the function is only type-checked). */
export async function wrongCalls(pve: PveClient<PvePaths>, pbs: PbsClient<PbsPaths>): Promise<void> {
  // @ts-expect-error a path the document does not have
  await pve.GET('/nodes/{node}/vms', { params: { path: { node: 'pve1' } } });
  // @ts-expect-error a wrong parameter name: "nod" instead of "node"
  await pve.GET('/nodes/{node}/qemu', { params: { path: { nod: 'pve1' } } });
  // @ts-expect-error a wrong query parameter name: "fulll"
  await pve.GET('/nodes/{node}/qemu', { params: { path: { node: 'pve1' }, query: { fulll: true } } });
  // @ts-expect-error a missing required body parameter: vmid
  await pve.POST('/nodes/{node}/qemu', { params: { path: { node: 'pve1' } }, body: { name: 'web' } });
  // @ts-expect-error a missing required path parameter: vmid
  await pve.GET('/nodes/{node}/qemu/{vmid}/config', { params: { path: { node: 'pve1' } } });
  const config = '/nodes/{node}/qemu/{vmid}/config';
  // @ts-expect-error a wrong value type: vmid is a number
  await pve.GET(config, { params: { path: { node: 'pve1', vmid: 'one hundred' } } });
  // @ts-expect-error a wrong value type: a boolean is true, false, 1 or 0, not 2
  await pve.POST('/nodes/{node}/qemu', { params: { path: { node: 'pve1' } }, body: { vmid: 100, start: 2 } });
  const path = { node: 'pve1' };
  // @ts-expect-error the literal indexed name net[n] does not exist; net0 … net31 do
  await pve.POST('/nodes/{node}/qemu', { params: { path }, body: { vmid: 100, 'net[n]': 'virtio' } });
  // @ts-expect-error GET has no body
  await pve.GET('/version', { body: { full: 1 } });
  // @ts-expect-error the result is typed: the PBS version is a string
  const wrong: number = (await pbs.GET('/version')).version;
  // @ts-expect-error the parameters of a path with a required path parameter cannot be left out
  await pbs.GET('/admin/datastore/{store}/snapshots');
  void wrong;
}
