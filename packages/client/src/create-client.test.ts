import { afterEach, describe, expect, it } from 'vitest';
import { createProxmoxClient } from './create-client.js';
import { ProxmoxApiError, ProxmoxTaskError } from './errors.js';
import { encodeParams } from './form-encoding.js';
import { getProduct } from './products.js';
import { type FakeProxmox, fakeTimers, startFakeProxmox } from './test-support/fake-proxmox.js';

const TOKEN = 'root@pam!ci=4f1a0e4c-9d1e-4c55-9b1f-2d7c3a0e5b61';
let server: FakeProxmox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const OK = 'UPID:n1:000A1B2C:0012D687:6700AB12:qmstart:100:root@pam:';
const FAILS = 'UPID:n1:000A1B2D:0012D688:6700AB13:qmstart:101:root@pam:';
const WARNS = 'UPID:n1:000A1B2E:0012D689:6700AB14:vzdump:102:root@pam:';
const HANGS = 'UPID:n1:000A1B2F:0012D68A:6700AB15:qmigrate:103:root@pam:';

async function client(timers = fakeTimers()) {
  server = await startFakeProxmox({
    authCookie: 'PVEAuthCookie',
    tokenHeader: `PVEAPIToken=${TOKEN}`,
    username: 'root@pam',
    password: 'x',
    tasks: {
      [OK]: [{ status: 'running' }, { status: 'running' }, { status: 'stopped', exitstatus: 'OK' }],
      [FAILS]: [
        { status: 'running' },
        { status: 'stopped', exitstatus: "can't lock file '/var/lock/qemu-server/lock-101.conf'" },
      ],
      [WARNS]: [{ status: 'stopped', exitstatus: 'WARNINGS: 2' }],
      [HANGS]: [{ status: 'running' }],
    },
  });
  return {
    api: createProxmoxClient(getProduct('pve'), { baseUrl: server.baseUrl, auth: { token: TOKEN }, timers }),
    timers,
  };
}

describe('form and query encoding', () => {
  it('sends booleans as 1/0, arrays as repeated names, indexed names as they are, and leaves out undefined', () => {
    expect(
      encodeParams({
        vmid: 100,
        start: true,
        numa: false,
        net0: 'virtio,bridge=vmbr0',
        ids: ['a', 'b'],
        x: undefined,
      }),
    ).toBe('vmid=100&start=1&numa=0&net0=virtio%2Cbridge%3Dvmbr0&ids=a&ids=b');
    expect(() => encodeParams({ config: { a: 1 } })).toThrow(
      'parameter "config": a object cannot be sent as a form field',
    );
  });

  it('puts the body in an application/x-www-form-urlencoded POST and GET parameters in the query', async () => {
    const { api } = await client();
    await api.POST(
      '/nodes/{node}/qemu' as never,
      {
        params: { path: { node: 'n1' } },
        body: { vmid: 100, start: true, net0: 'virtio,bridge=vmbr0', scsi0: 'local-lvm:32' },
      } as never,
    );
    await api.GET('/version' as never, { params: { query: { full: true, type: 'vm' } } } as never);
    const [post, get] = server?.requests ?? [];
    expect(post?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(post?.body).toBe('vmid=100&start=1&net0=virtio%2Cbridge%3Dvmbr0&scsi0=local-lvm%3A32');
    expect(get?.url).toBe('/version?full=1&type=vm');
    expect(get?.body).toBe('');
  });

  it('unwraps { data }', async () => {
    const { api } = await client();
    await expect(api.GET('/version' as never)).resolves.toEqual({
      version: '9.1.0',
      release: '9.1',
      repoid: 'abcdef12',
    });
  });
});

describe('ProxmoxApiError', () => {
  it('carries the status, Proxmox’s message from the reason phrase, and the per-parameter errors', async () => {
    const { api } = await client();
    const error = await api
      .POST('/nodes/{node}/qemu' as never, { params: { path: { node: 'n1' } }, body: { vmid: 5 } } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxmoxApiError);
    expect(error).toMatchObject({
      status: 400,
      reason: 'Parameter verification failed.',
      errors: { vmid: 'value must have a minimum value of 100' },
      request: 'POST /nodes/n1/qemu',
      message:
        'POST /nodes/n1/qemu: 400 Parameter verification failed. (vmid: value must have a minimum value of 100)',
    });
  });

  it('takes the message from the body when the server puts it there (PBS, PDM), and survives a body that is not JSON', async () => {
    const { api } = await client();
    await expect(api.GET('/fail/404' as never)).rejects.toMatchObject({
      status: 404,
      reason: 'datastore "backup" not found',
      errors: {},
    });
    await expect(api.GET('/fail/502' as never)).rejects.toMatchObject({
      status: 502,
      reason: 'Bad Gateway',
      errors: {},
    });
  });
});

describe('waitForTask', () => {
  it('polls with growing pauses and resolves to the exit status', async () => {
    const { api, timers } = await client();
    await expect(api.waitForTask(OK)).resolves.toBe('OK');
    expect(timers.sleeps).toEqual([500, 750]);
    const polls = server?.requests.map((r) => r.url) ?? [];
    expect(polls).toEqual(Array(3).fill(`/nodes/n1/tasks/${encodeURIComponent(OK)}/status`));
    await expect(api.waitForTask(WARNS)).resolves.toBe('WARNINGS: 2');
  });

  it('rejects with the exit status of a failed task', async () => {
    const { api } = await client();
    const error = await api.waitForTask(FAILS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxmoxTaskError);
    expect(error).toMatchObject({
      upid: FAILS,
      exitStatus: "can't lock file '/var/lock/qemu-server/lock-101.conf'",
    });
  });

  it('rejects when the task does not stop in time; pauses grow up to the cap and end at the deadline', async () => {
    const { api, timers } = await client();
    const error = await api
      .waitForTask(HANGS, { timeoutMs: 4000, intervalMs: 400, maxIntervalMs: 1000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxmoxTaskError);
    expect(error).toMatchObject({ exitStatus: null, message: `task ${HANGS} did not stop within 4000 ms` });
    expect(timers.sleeps).toEqual([400, 600, 900, 1000, 1000, 100]);
  });

  it('refuses what is not a UPID, and reports an unknown task as the server does', async () => {
    const { api } = await client();
    await expect(api.waitForTask('not-a-upid')).rejects.toThrow(
      'waitForTask: "not-a-upid" is not a UPID (UPID:node:…)',
    );
    await expect(api.waitForTask('UPID:n1:nothing:')).rejects.toMatchObject({ status: 404 });
  });
});

describe('baseUrl', () => {
  it('takes https://host:port, with or without /api2/json, and refuses what is not http(s)', async () => {
    const { api } = await client();
    expect(api).toBeDefined();
    const base = server?.baseUrl ?? '';
    const withPath = createProxmoxClient(getProduct('pve'), {
      baseUrl: `${base}/api2/json/`,
      auth: { token: TOKEN },
    });
    await expect(withPath.GET('/version' as never)).resolves.toMatchObject({ release: '9.1' });
    expect(() =>
      createProxmoxClient(getProduct('pve'), { baseUrl: 'pve:8006', auth: { token: TOKEN } }),
    ).toThrow('baseUrl: "pve:8006" is not http(s); expected https://host:port');
    expect(() =>
      createProxmoxClient(getProduct('pve'), { baseUrl: 'no url', auth: { token: TOKEN } }),
    ).toThrow('baseUrl: "no url" is not a URL; expected https://host:port');
  });
});
