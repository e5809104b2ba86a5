import type { ApiMethod, JsonValue } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import { diffApis } from './diff-apis.js';
import { RULE_IDS, RULES, type RuleId } from './rules.js';
import { method, PATH, returning, tree } from './test-support/synthetic.js';

/** One rule on a small synthetic tree: the change it must report, and only that change. */
interface Case {
  rule: RuleId;
  name: string;
  old?: ApiMethod;
  new?: ApiMethod;
  location: string;
  oldValue?: JsonValue;
  newValue?: JsonValue;
}

const vmid = { type: 'integer', format: 'pve-vmid', minimum: 100, maximum: 999_999_999 };
const net = (model: object, extra: object = {}) => ({
  'net[n]': {
    type: 'string',
    optional: 1,
    description: 'Specify network devices.',
    verbose_description: 'Specify network devices (n is 0 to 31).',
    format: {
      model: { type: 'string', default_key: 1, ...model },
      bridge: { type: 'string', optional: 1 },
      ...extra,
    },
  },
});
const obj = (properties: object) => ({ type: 'object', properties });

const CASES: Case[] = [
  { rule: 'operation-added', name: 'a new operation', new: method(), location: '' },
  { rule: 'operation-removed', name: 'an operation gone', old: method(), location: '' },
  {
    rule: 'operation-description-changed',
    name: 'operation text',
    old: method(),
    new: method({}, { description: 'Create a virtual machine.' }),
    location: '',
  },
  {
    rule: 'request-parameter-added-optional',
    name: 'optional parameter',
    old: method(),
    new: method({ cores: { type: 'integer', optional: 1 } }),
    location: 'parameter cores',
  },
  {
    rule: 'request-parameter-added-required',
    name: 'required parameter',
    old: method(),
    new: method({ vmid }),
    location: 'parameter vmid',
  },
  {
    rule: 'request-parameter-removed',
    name: 'parameter gone',
    old: method({ vmid, cores: { type: 'integer', optional: 1 } }),
    new: method({ vmid }),
    location: 'parameter cores',
  },
  {
    rule: 'request-parameter-became-required',
    name: 'parameter became required',
    old: method({ name: { type: 'string', optional: '1' } }),
    new: method({ name: { type: 'string' } }),
    location: 'parameter name',
    oldValue: false,
    newValue: true,
  },
  {
    rule: 'request-parameter-became-required',
    name: 'property-string key became required',
    old: method(net({ optional: 1 })),
    new: method(net({})),
    location: 'parameter net[n] key model',
  },
  {
    rule: 'request-parameter-became-optional',
    name: 'parameter became optional',
    old: method({ name: { type: 'string' } }),
    new: method({ name: { type: 'string', optional: true } }),
    location: 'parameter name',
  },
  {
    rule: 'request-parameter-type-changed',
    name: 'integer to string',
    old: method({ memory: { type: 'integer', optional: 1 } }),
    new: method({ memory: { type: 'string', optional: 1 } }),
    location: 'parameter memory',
    oldValue: 'integer',
    newValue: 'string',
  },
  {
    rule: 'request-parameter-format-changed',
    name: 'named format',
    old: method({ storage: { type: 'string', format: 'pve-storage-id' } }),
    new: method({ storage: { type: 'string', format: 'pve-configid' } }),
    location: 'parameter storage',
  },
  {
    rule: 'request-parameter-enum-value-added',
    name: 'enum grows',
    old: method({ ostype: { type: 'string', enum: ['l26', 'win10'] } }),
    new: method({ ostype: { type: 'string', enum: ['l26', 'win10', 'win11'] } }),
    location: 'parameter ostype',
    oldValue: null,
    newValue: ['win11'],
  },
  {
    rule: 'request-parameter-enum-value-removed',
    name: 'enum shrinks',
    old: method({ ostype: { type: 'string', enum: ['l26', 'win10', 'wxp'] } }),
    new: method({ ostype: { type: 'string', enum: ['l26', 'win10'] } }),
    location: 'parameter ostype',
    oldValue: ['wxp'],
  },
  {
    rule: 'request-parameter-enum-added',
    name: 'free value restricted',
    old: method({ mode: { type: 'string' } }),
    new: method({ mode: { type: 'string', enum: ['a', 'b'] } }),
    location: 'parameter mode',
  },
  {
    rule: 'request-parameter-enum-removed',
    name: 'restriction lifted',
    old: method({ mode: { type: 'string', enum: ['a', 'b'] } }),
    new: method({ mode: { type: 'string', enum: null } }),
    location: 'parameter mode',
  },
  {
    rule: 'request-parameter-minimum-raised',
    name: 'minimum up',
    old: method({ cores: { type: 'integer', minimum: 1 } }),
    new: method({ cores: { type: 'integer', minimum: '2' } }),
    location: 'parameter cores',
    oldValue: 1,
    newValue: 2,
  },
  {
    rule: 'request-parameter-minimum-lowered',
    name: 'minimum dropped',
    old: method({ cores: { type: 'integer', minimum: 1 } }),
    new: method({ cores: { type: 'integer' } }),
    location: 'parameter cores',
  },
  {
    rule: 'request-parameter-maximum-lowered',
    name: 'maximum set where none was',
    old: method({ cores: { type: 'integer' } }),
    new: method({ cores: { type: 'integer', maximum: 128 } }),
    location: 'parameter cores',
    oldValue: null,
    newValue: 128,
  },
  {
    rule: 'request-parameter-maximum-raised',
    name: 'maximum up',
    old: method({ cores: { type: 'integer', maximum: 128 } }),
    new: method({ cores: { type: 'integer', maximum: 256 } }),
    location: 'parameter cores',
  },
  {
    rule: 'request-parameter-bound-tightened-under-format',
    name: 'bounds of a named format',
    old: method({ vmid: { type: 'integer', format: 'pve-vmid', minimum: 1 } }),
    new: method({ vmid: { type: 'integer', format: 'pve-vmid', minimum: 100 } }),
    location: 'parameter vmid',
  },
  {
    rule: 'request-parameter-length-narrowed',
    name: 'maxLength down',
    old: method({ comment: { type: 'string', maxLength: 4096 } }),
    new: method({ comment: { type: 'string', maxLength: 1024 } }),
    location: 'parameter comment',
    oldValue: { minLength: 0, maxLength: 4096 },
    newValue: { minLength: 0, maxLength: 1024 },
  },
  {
    rule: 'request-parameter-length-widened',
    name: 'maxLength dropped',
    old: method({ comment: { type: 'string', maxLength: 4096 } }),
    new: method({ comment: { type: 'string' } }),
    location: 'parameter comment',
  },
  {
    rule: 'request-parameter-pattern-changed',
    name: 'pattern',
    old: method({ tag: { type: 'string', pattern: '[a-z]+' } }),
    new: method({ tag: { type: 'string', pattern: '[a-z0-9]+' } }),
    location: 'parameter tag',
  },
  {
    rule: 'request-parameter-default-changed',
    name: 'boolean default 0 → true',
    old: method({ start: { type: 'boolean', optional: 1, default: 0 } }),
    new: method({ start: { type: 'boolean', optional: 1, default: true } }),
    location: 'parameter start',
    oldValue: false,
    newValue: true,
  },
  {
    rule: 'request-parameter-description-changed',
    name: 'parameter text',
    old: method({ start: { type: 'boolean', description: 'Start VM after it was created successfully.' } }),
    new: method({ start: { type: 'boolean', description: 'Start the VM once it is created.' } }),
    location: 'parameter start',
  },
  {
    rule: 'request-parameter-index-range-narrowed',
    name: 'n is 0 to 31 → 0 to 15',
    old: method(net({})),
    new: method({
      'net[n]': { ...net({})['net[n]'], verbose_description: 'Specify network devices (n is 0 to 15).' },
    }),
    location: 'parameter net[n]',
    oldValue: { min: 0, max: 31 },
    newValue: { min: 0, max: 15 },
  },
  {
    rule: 'request-parameter-index-range-widened',
    name: 'link0..link3 → link0..link7',
    old: method({ 'link[n]': { type: 'string', optional: 1, verbose_description: 'Use link0..link3.' } }),
    new: method({ 'link[n]': { type: 'string', optional: 1, verbose_description: 'Use link0..link7.' } }),
    location: 'parameter link[n]',
  },
  {
    rule: 'request-property-key-added-optional',
    name: 'optional key',
    old: method(net({})),
    new: method(net({}, { mtu: { type: 'integer', optional: 1 } })),
    location: 'parameter net[n] key mtu',
  },
  {
    rule: 'request-property-key-added-required',
    name: 'required key',
    old: method(net({})),
    new: method(net({}, { macaddr: { type: 'string' } })),
    location: 'parameter net[n] key macaddr',
  },
  {
    rule: 'request-property-key-removed',
    name: 'key gone',
    old: method(net({}, { mtu: { type: 'integer', optional: 1 } })),
    new: method(net({})),
    location: 'parameter net[n] key mtu',
  },
  {
    rule: 'response-property-added',
    name: 'answer grows',
    old: returning(obj({ vmid: { type: 'integer' } })),
    new: returning(obj({ vmid: { type: 'integer' }, name: { type: 'string', optional: 1 } })),
    location: 'returns.name',
  },
  {
    rule: 'response-property-removed',
    name: 'answer shrinks',
    old: returning({ type: 'array', items: obj({ vmid: { type: 'integer' }, pid: { type: 'integer' } }) }),
    new: returning({ type: 'array', items: obj({ vmid: { type: 'integer' } }) }),
    location: 'returns[].pid',
  },
  {
    rule: 'response-optional-property-removed',
    name: 'an optional property gone',
    old: returning(obj({ vmid: { type: 'integer' }, lock: { type: 'string', optional: 1 } })),
    new: returning(obj({ vmid: { type: 'integer' } })),
    location: 'returns.lock',
  },
  {
    rule: 'response-property-type-changed',
    name: 'the whole answer',
    old: returning({ type: 'null' }),
    new: returning({ type: 'string' }),
    location: 'returns',
  },
  {
    rule: 'response-property-became-optional',
    name: 'may be missing',
    old: returning(obj({ vmid: { type: 'integer' } })),
    new: returning(obj({ vmid: { type: 'integer', optional: 1 } })),
    location: 'returns.vmid',
  },
  {
    rule: 'response-property-became-required',
    name: 'always there',
    old: returning(obj({ vmid: { type: 'integer', optional: 1 } })),
    new: returning(obj({ vmid: { type: 'integer' } })),
    location: 'returns.vmid',
  },
  {
    rule: 'response-enum-value-added',
    name: 'a new status',
    old: returning(obj({ status: { type: 'string', enum: ['running', 'stopped'] } })),
    new: returning(obj({ status: { type: 'string', enum: ['running', 'stopped', 'paused'] } })),
    location: 'returns.status',
    newValue: ['paused'],
  },
  {
    rule: 'response-enum-value-removed',
    name: 'a status gone',
    old: returning(obj({ status: { type: 'string', enum: ['running', 'stopped', 'paused'] } })),
    new: returning(obj({ status: { type: 'string', enum: ['running', 'stopped'] } })),
    location: 'returns.status',
  },
  {
    rule: 'response-property-description-changed',
    name: 'returned text',
    old: returning(obj({ vmid: { type: 'integer', description: 'The VM id.' } })),
    new: returning(obj({ vmid: { type: 'integer', description: 'The (unique) ID of the VM.' } })),
    location: 'returns.vmid',
  },
  {
    rule: 'access-permission-check-changed',
    name: 'check',
    old: method(),
    new: method({}, { permissions: { check: ['perm', '/vms/{vmid}', ['VM.Allocate', 'VM.Config.Disk']] } }),
    location: 'permissions check',
  },
  {
    rule: 'access-permission-user-changed',
    name: 'user',
    old: method({}, { permissions: { user: 'all' } }),
    new: method({}, { permissions: { user: 'root@pam' } }),
    location: 'permissions user',
    oldValue: 'all',
    newValue: 'root@pam',
  },
  {
    rule: 'access-permission-description-changed',
    name: 'permission text',
    old: method({}, { permissions: { user: 'all', description: 'Anyone.' } }),
    new: method({}, { permissions: { user: 'all', description: 'Any authenticated user.' } }),
    location: 'permissions description',
  },
  {
    rule: 'access-token-disallowed',
    name: 'allowtoken 1 → 0',
    old: method(),
    new: method({}, { allowtoken: 0 }),
    location: 'allowtoken',
  },
  {
    rule: 'access-token-allowed',
    name: 'allowtoken "0" → true',
    old: method({}, { allowtoken: '0' }),
    new: method({}, { allowtoken: true }),
    location: 'allowtoken',
  },
  {
    rule: 'access-protected-changed',
    name: 'protected',
    old: method(),
    new: method({}, { protected: undefined }),
    location: 'protected',
  },
  {
    rule: 'access-proxyto-changed',
    name: 'proxyto',
    old: method(),
    new: method({}, { proxyto: null }),
    location: 'proxyto',
    oldValue: 'node',
    newValue: null,
  },
];

describe('every rule on a synthetic tree', () => {
  it('covers every rule id', () => {
    const tested = new Set(CASES.map((c) => c.rule));
    expect(RULE_IDS.filter((id) => !tested.has(id))).toEqual([]);
    expect(RULE_IDS.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of CASES) {
    it(`${c.rule}: ${c.name}`, () => {
      const oldTree = c.old ? tree(c.old) : tree();
      const newTree = c.new ? tree(c.new) : tree();
      const { changes } = diffApis(oldTree, newTree);
      expect(changes.map((change) => [change.rule, change.location])).toEqual([[c.rule, c.location]]);
      const [change] = changes;
      expect(change?.level).toBe(RULES[c.rule].level);
      expect(change?.side).toBe(RULES[c.rule].side);
      expect(change?.operation).toEqual({ method: 'POST', path: PATH });
      expect(change?.message).not.toBe('');
      if (c.oldValue !== undefined) expect(change?.old).toEqual(c.oldValue);
      if (c.newValue !== undefined) expect(change?.new).toEqual(c.newValue);
    });
  }
});
