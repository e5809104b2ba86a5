import { describe, expect, it } from 'vitest';
import { generateSpec } from './generate-spec.js';
import { permissionsText } from './permissions-text.js';
import { defaultProblem } from './schema.js';
import { fixture } from './test-support/fixtures.js';

type Schema = Record<string, unknown>;

describe('what people read: permissions and defaults in the descriptions (PVE 2026-08-16)', () => {
  const { tree, target } = fixture('pve-apidoc-2026-08-16.json.gz', 'pve');
  const document = generateSpec(tree, { target });
  const schemas = document.components?.schemas as Record<string, { properties: Record<string, Schema> }>;
  const operation = (path: string, method: string) => document.paths[path]?.[method] as Schema;

  it('says who may call an operation', () => {
    expect(operation('/nodes/{node}/qemu/{vmid}/status/start', 'post').description).toContain(
      'Permissions: Requires VM.PowerMgmt on /vms/{vmid}.',
    );
    expect(operation('/cluster/ceph/metadata', 'get').description).toContain(
      'Requires Sys.Audit or Datastore.Audit on /.',
    );
    expect(operation('/version', 'get').description).toContain('Any authenticated user may call it.');
  });

  it('shows a prose default in the description and keeps it as x-proxmox-default', () => {
    const cpuunits = schemas.PostNodesByNodeQemuRequest?.properties.cpuunits as Schema;
    expect(cpuunits.default).toBeUndefined();
    expect(cpuunits['x-proxmox-default']).toBe('cgroup v1: 1024, cgroup v2: 100');
    expect(cpuunits.description).toContain('Default: cgroup v1: 1024, cgroup v2: 100.');
  });

  it('never emits a default that fails its own schema (vcpus: default 0, minimum 1)', () => {
    const vcpus = schemas.PostNodesByNodeQemuRequest?.properties.vcpus as Schema;
    expect(vcpus.minimum).toBe(1);
    expect(vcpus.default).toBeUndefined();
    expect(vcpus['x-proxmox-default']).toBe(0);
    expect(vcpus['x-proxmox-default-invalid']).toBe('below the minimum 1');
  });
});

describe('permissionsText', () => {
  it('renders PVE checks, nested and/or, and PBS checks; leaves unknown shapes out', () => {
    expect(permissionsText({ check: ['perm', '/vms/{vmid}', ['VM.PowerMgmt']] })).toBe(
      'Permissions: Requires VM.PowerMgmt on /vms/{vmid}.',
    );
    expect(
      permissionsText({
        check: [
          'and',
          ['perm', '/a', ['X.Modify']],
          ['or', ['perm', '/', ['Sys.Audit', 'Sys.Modify']], ['perm', '/', ['Y']]],
        ],
      }),
    ).toBe('Permissions: Requires (X.Modify on /a) and ((Sys.Audit and Sys.Modify on /) or (Y on /)).');
    expect(
      permissionsText({
        check: { path: ['datastore', '{store}'], privs: ['Datastore.Audit'], partial: true },
      }),
    ).toBe('Permissions: Requires Datastore.Audit on /datastore/{store} (or on a path below it).');
    expect(permissionsText({ user: 'world' })).toBe('Permissions: Requires no authentication.');
    expect(permissionsText({ check: ['something-new', 1] })).toBeUndefined();
    expect(permissionsText(undefined)).toBeUndefined();
  });

  it('defaultProblem names what a default breaks', () => {
    expect(defaultProblem(0, { minimum: 1 })).toBe('below the minimum 1');
    expect(defaultProblem('x', { enum: ['a'] })).toBe('not one of the enum values');
    expect(defaultProblem('abc', { pattern: '^[a-z]+$' })).toBeUndefined();
    expect(defaultProblem('ab1', { pattern: '^[a-z]+$' })).toBe('not matching the pattern');
  });
});
