import { describe, expect, it } from 'vitest';
import { generateSpec } from './generate-spec.js';
import { fixture } from './test-support/fixtures.js';
import { createRequestValidator, type WireRequest } from './test-support/request-validator.js';

const TOKEN = { authorization: 'PVEAPIToken=root@pam!ci=0b0d3c2c-7d5e-4e1b-9f53-6d1c2a9b8e10' };
const COOKIE = { PVEAuthCookie: 'PVE:root@pam:66F0A1B2::c2lnbmF0dXJl' };
const CSRF = { csrfpreventiontoken: '66F0A1B2:Y3NyZg' };

describe.each(['3.0', '3.1'] as const)('requests as a real PVE client sends them (OpenAPI %s)', (version) => {
  const { tree, target } = fixture('pve-apidoc-2026-08-16.json.gz', 'pve');
  const { checkRequest, checkResponse } = createRequestValidator(
    generateSpec(tree, { target, openapi: version }),
  );
  const accepts = (request: WireRequest) => expect(checkRequest(request).errors).toEqual([]);
  const rejects = (request: WireRequest, reason: string) =>
    expect(checkRequest(request).errors.join('\n')).toContain(reason);

  it('creates a VM with net0 and scsi0 as a form body, booleans as 1/0', () => {
    const form = new URLSearchParams({
      vmid: '100',
      name: 'web01',
      memory: '2048',
      cores: '2',
      ostype: 'l26',
      scsihw: 'virtio-scsi-pci',
      scsi0: 'local-lvm:32,discard=on,ssd=1',
      net0: 'virtio,bridge=vmbr0,firewall=1',
      start: '1',
      onboot: '0',
      numa: 'true',
    }).toString();
    const check = checkRequest({ method: 'POST', url: '/nodes/pve1/qemu', body: { form }, headers: TOKEN });
    expect(check.operationId).toBe('postNodesByNodeQemu');
    expect(check.errors).toEqual([]);
  });

  it('creates the same VM with a JSON body, booleans as 1 or true', () => {
    accepts({
      method: 'POST',
      url: '/nodes/pve1/qemu',
      body: {
        json: { vmid: 100, net0: 'virtio,bridge=vmbr0', scsi0: 'local-lvm:32', start: true, onboot: 1 },
      },
      headers: { ...CSRF },
      cookies: COOKIE,
    });
  });

  it('rejects what Proxmox rejects: literal net[n], a bad vmid, unknown keys, a boolean "maybe"', () => {
    const post = (form: string): WireRequest => ({
      method: 'POST',
      url: '/nodes/pve1/qemu',
      body: { form },
      headers: TOKEN,
    });
    rejects(post('vmid=100&net[n]=virtio'), '"additionalProperty":"net[n]"');
    rejects(post('vmid=1'), 'form body/vmid must be >= 100');
    rejects(post('vmid=100&net32=virtio'), '"additionalProperty":"net32"');
    rejects(post('vmid=100&start=maybe'), 'form body/start must be boolean');
    rejects(post('name=novmid'), "must have required property 'vmid'");
  });

  it('changes the config with delete=', () => {
    for (const method of ['PUT', 'POST'] as const) {
      accepts({
        method,
        url: '/nodes/pve1/qemu/100/config',
        body: { form: 'delete=net1,scsi1&cores=4&onboot=1&digest=0123456789abcdef0123456789abcdef01234567' },
        headers: TOKEN,
      });
    }
  });

  it('starts the VM with no body at all, and its response has a UPID in data', () => {
    accepts({ method: 'POST', url: '/nodes/pve1/qemu/100/status/start', headers: TOKEN });
    const upid = 'UPID:pve1:000A1B2C:0F1E2D3C:66F0A1B2:qmstart:100:root@pam:';
    expect(checkResponse('POST', '/nodes/pve1/qemu/100/status/start', { data: upid })).toEqual([]);
    expect(checkResponse('POST', '/nodes/pve1/qemu/100/status/start', { result: upid })).not.toEqual([]);
  });

  it('asks for the CSRF token with the cookie on writes, not with a token', () => {
    rejects({ method: 'POST', url: '/nodes/pve1/qemu/100/status/start', cookies: COOKIE }, 'security');
    accepts({ method: 'POST', url: '/nodes/pve1/qemu/100/status/start', cookies: COOKIE, headers: CSRF });
    rejects({ method: 'POST', url: '/nodes/pve1/qemu/100/status/start' }, 'security');
    accepts({ method: 'GET', url: '/nodes/pve1/qemu/100/status/current', cookies: COOKIE });
  });

  it('logs in without credentials, and finds the ticket in data', () => {
    const check = checkRequest({
      method: 'POST',
      url: '/access/ticket',
      body: { form: 'username=root@pam&password=secret' },
    });
    expect(check).toEqual({ operationId: 'postAccessTicket', errors: [] });
    const answer = {
      data: { username: 'root@pam', ticket: 'PVE:root@pam:66F0A1B2::sig', CSRFPreventionToken: '66F0A1B2:x' },
    };
    expect(checkResponse('POST', '/access/ticket', answer)).toEqual([]);
  });

  it('lists cluster resources, and the answer with 1/0 booleans and nulls where Proxmox sends them validates', () => {
    accepts({ method: 'GET', url: '/cluster/resources?type=vm', headers: TOKEN });
    rejects(
      { method: 'GET', url: '/cluster/resources?type=toaster', headers: TOKEN },
      'query type must be equal to one of',
    );
    const answer = {
      data: [
        {
          id: 'qemu/100',
          type: 'qemu',
          node: 'pve1',
          vmid: 100,
          status: 'running',
          template: 0,
          maxmem: 2147483648,
        },
        { id: 'node/pve1', type: 'node', node: 'pve1', status: 'online', cpu: 0.02 },
      ],
    };
    expect(checkResponse('GET', '/cluster/resources', answer)).toEqual([]);
    expect(checkResponse('GET', '/cluster/resources', { data: [{ type: 'qemu' }] })).not.toEqual([]);
  });

  it('refuses an API token where allowtoken is 0', () => {
    rejects(
      {
        method: 'PUT',
        url: '/access/password',
        body: { form: 'userid=u@pve&password=secret123' },
        headers: TOKEN,
      },
      'security',
    );
    accepts({
      method: 'PUT',
      url: '/access/password',
      body: { form: 'userid=u@pve&password=secret123' },
      cookies: COOKIE,
      headers: CSRF,
    });
  });
});

describe('requests as a real PBS client sends them', () => {
  const { tree, target } = fixture('pbs-apidoc-2026-08-16.json.gz', 'pbs');
  const { checkRequest, checkResponse } = createRequestValidator(generateSpec(tree, { target }));

  it('logs in without credentials and lists datastores with a token', () => {
    expect(
      checkRequest({ method: 'POST', url: '/access/ticket', body: { form: 'username=root@pam&password=x' } })
        .errors,
    ).toEqual([]);
    const token = { authorization: 'PBSAPIToken=root@pam!ci:0b0d3c2c-7d5e-4e1b-9f53-6d1c2a9b8e10' };
    expect(checkRequest({ method: 'GET', url: '/admin/datastore', headers: token }).errors).toEqual([]);
    const store = { store: 'store1', 'backend-type': 'filesystem', 'mount-status': 'nonremovable' };
    expect(checkResponse('GET', '/admin/datastore', { data: [store] })).toEqual([]);
    expect(checkRequest({ method: 'GET', url: '/ping' }).errors).toEqual([]);
  });
});
