import { afterEach, describe, expect, it } from 'vitest';
import { tokenHeader } from './auth.js';
import { createProxmoxClient } from './create-client.js';
import { ProxmoxApiError } from './errors.js';
import { getProduct } from './products.js';
import { type FakeProxmox, fakeTimers, startFakeProxmox } from './test-support/fake-proxmox.js';

const pve = getProduct('pve');
const SECRET = '4f1a0e4c-9d1e-4c55-9b1f-2d7c3a0e5b61';
let server: FakeProxmox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = (tokenHeader = `PVEAPIToken=root@pam!ci=${SECRET}`) =>
  startFakeProxmox({ authCookie: 'PVEAuthCookie', tokenHeader, username: 'root@pam', password: 'hunter2' });

describe('API tokens', () => {
  it('are sent with each product’s header word and separator, whichever separator was given', () => {
    expect(tokenHeader(pve, `root@pam!ci=${SECRET}`)).toBe(`PVEAPIToken=root@pam!ci=${SECRET}`);
    expect(tokenHeader(pve, `root@pam!ci:${SECRET}`)).toBe(`PVEAPIToken=root@pam!ci=${SECRET}`);
    expect(tokenHeader(getProduct('pbs'), `admin@pbs!backup=${SECRET}`)).toBe(
      `PBSAPIToken=admin@pbs!backup:${SECRET}`,
    );
    expect(tokenHeader(getProduct('pdm'), `admin@pam!ops=${SECRET}`)).toBe(
      `PDMAPIToken=admin@pam!ops:${SECRET}`,
    );
  });

  it('are refused in one line when malformed, and for PMG, which has none', () => {
    expect(() => tokenHeader(pve, 'root@pam=secret')).toThrow(
      'auth.token: expected USER@REALM!TOKENID=SECRET',
    );
    expect(() => tokenHeader(getProduct('pmg'), `root@pam!ci=${SECRET}`)).toThrow(
      'auth.token: Proxmox Mail Gateway has no API tokens; log in with { username, password }',
    );
    expect(() =>
      createProxmoxClient(getProduct('pmg'), { baseUrl: 'https://pmg:8006', auth: { token: 'a@b!c=d' } }),
    ).toThrow(TypeError);
  });

  it('authenticate reads and writes on a server that checks the header; no login, no CSRF token', async () => {
    server = await start();
    const client = createProxmoxClient(pve, {
      baseUrl: server.baseUrl,
      auth: { token: `root@pam!ci=${SECRET}` },
    });
    await expect(client.GET('/version' as never)).resolves.toMatchObject({ version: '9.1.0' });
    const upid = await client.POST(
      '/nodes/{node}/qemu' as never,
      { params: { path: { node: 'n1' } }, body: { vmid: 100 } } as never,
    );
    expect(upid).toMatch(/^UPID:n1:/);
    expect(server.logins).toEqual([]);
    expect(
      server.requests.map((r) => [r.headers.authorization, r.headers.cookie, r.headers.csrfpreventiontoken]),
    ).toEqual([
      [`PVEAPIToken=root@pam!ci=${SECRET}`, undefined, undefined],
      [`PVEAPIToken=root@pam!ci=${SECRET}`, undefined, undefined],
    ]);
  });

  it('that the server does not know end in a ProxmoxApiError 401', async () => {
    server = await start();
    const client = createProxmoxClient(pve, {
      baseUrl: server.baseUrl,
      auth: { token: `root@pam!other=${SECRET}` },
    });
    const error = await client.GET('/version' as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxmoxApiError);
    expect(error).toMatchObject({ status: 401, reason: 'No ticket', request: 'GET /version' });
  });
});

describe('tickets', () => {
  it('log in once, send the cookie, and add the CSRF token to writes only', async () => {
    server = await start();
    const client = createProxmoxClient(pve, {
      baseUrl: server.baseUrl,
      auth: { username: 'root@pam', password: 'hunter2' },
    });
    await Promise.all([
      client.GET('/version' as never),
      client.GET('/version' as never),
      client.GET('/version' as never),
    ]);
    await client.POST(
      '/nodes/{node}/qemu' as never,
      { params: { path: { node: 'n1' } }, body: { vmid: 101 } } as never,
    );
    expect(server.logins.map((l) => l.password)).toEqual(['hunter2']);
    const ticket = server.logins[0]?.ticket ?? '';
    const [login, ...rest] = server.requests;
    expect(login).toMatchObject({
      method: 'POST',
      url: '/access/ticket',
      body: 'username=root%40pam&password=hunter2',
    });
    expect(login?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(rest.map((r) => [r.method, r.headers.cookie, r.headers.csrfpreventiontoken])).toEqual([
      ['GET', `PVEAuthCookie=${encodeURIComponent(ticket)}`, undefined],
      ['GET', `PVEAuthCookie=${encodeURIComponent(ticket)}`, undefined],
      ['GET', `PVEAuthCookie=${encodeURIComponent(ticket)}`, undefined],
      ['POST', `PVEAuthCookie=${encodeURIComponent(ticket)}`, 'csrf-1'],
    ]);
  });

  it('are renewed before they expire, with the old ticket as the password', async () => {
    server = await start();
    const timers = fakeTimers();
    const client = createProxmoxClient(pve, {
      baseUrl: server.baseUrl,
      auth: { username: 'root@pam', password: 'hunter2', renewAfterMs: 15 * 60_000 },
      timers,
    });
    await client.GET('/version' as never);
    timers.advance(14 * 60_000);
    await client.GET('/version' as never);
    expect(server.logins).toHaveLength(1);
    timers.advance(2 * 60_000);
    await client.POST(
      '/nodes/{node}/qemu' as never,
      { params: { path: { node: 'n1' } }, body: { vmid: 102 } } as never,
    );
    const [first, second] = server.logins;
    expect(second?.password).toBe(first?.ticket);
    const write = server.requests.at(-1);
    expect(write?.headers.cookie).toBe(`PVEAuthCookie=${encodeURIComponent(second?.ticket ?? '')}`);
    expect(write?.headers.csrfpreventiontoken).toBe('csrf-2');
  });

  it('fall back to the password when the server refuses the renewal', async () => {
    server = await start();
    const timers = fakeTimers();
    const client = createProxmoxClient(pve, {
      baseUrl: server.baseUrl,
      auth: { username: 'root@pam', password: 'hunter2' },
      timers,
    });
    await client.GET('/version' as never);
    server.expire(server.logins[0]?.ticket ?? '');
    timers.advance(61 * 60_000);
    await client.GET('/version' as never);
    expect(server.logins.map((l) => l.password)).toEqual(['hunter2', 'hunter2']);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /access/ticket',
      'GET /version',
      'POST /access/ticket',
      'POST /access/ticket',
      'GET /version',
    ]);
  });

  it('with a wrong password end in a ProxmoxApiError 401 from the login', async () => {
    server = await start();
    const client = createProxmoxClient(pve, {
      baseUrl: server.baseUrl,
      auth: { username: 'root@pam', password: 'nope' },
    });
    const error = await client.GET('/version' as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ProxmoxApiError', status: 401, request: 'POST /access/ticket' });
    expect(server.requests.map((r) => r.url)).toEqual(['/access/ticket']);
  });

  it('are taken from the HttpOnly cookie when the login answers none (PDM), and sent back as the server set them', async () => {
    const pdm = getProduct('pdm');
    server = await startFakeProxmox({
      authCookie: pdm.authCookie,
      tokenHeader: 'unused',
      username: 'admin@pam',
      password: 'hunter2',
      httpOnlyTicket: true,
    });
    const client = createProxmoxClient(pdm, {
      baseUrl: server.baseUrl,
      auth: { username: 'admin@pam', password: 'hunter2' },
    });
    await client.POST(
      '/nodes/{node}/qemu' as never,
      { params: { path: { node: 'n1' } }, body: { vmid: 100 } } as never,
    );
    const write = server.requests.at(-1);
    expect(write?.headers.cookie).toBe(
      `__Host-PDMAuthCookie=${encodeURIComponent(server.logins[0]?.ticket ?? '')}`,
    );
    expect(write?.headers.csrfpreventiontoken).toBe('csrf-1');
  });
});
