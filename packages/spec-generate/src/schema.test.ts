import { describe, expect, it } from 'vitest';
import { ComponentSchemas } from './components.js';
import { ANY_VALUE, convertSchema, type SchemaContext } from './schema.js';
import type { OpenApiVersion } from './types.js';

function context(version: OpenApiVersion = '3.0', dialect: 'perl' | 'rust-literal' = 'perl'): SchemaContext {
  return { version, dialect, components: new ComponentSchemas(), namePrefix: 'Test' };
}

describe('dirty values are normalized to the schema type', () => {
  it('numbers written as strings', () => {
    const out = convertSchema({ type: 'number', minimum: '0', maximum: '1.5', default: '1' }, context());
    expect(out).toMatchObject({ type: 'number', minimum: 0, maximum: 1.5, default: 1 });
    const lengths = convertSchema({ type: 'string', minLength: '2', maxLength: '64' }, context());
    expect(lengths).toMatchObject({ minLength: 2, maxLength: 64 });
  });

  it('boolean defaults written as 0/1 (and as "1")', () => {
    const ctx = context();
    const zero = convertSchema({ type: 'boolean', default: 0, description: 'off' }, ctx);
    expect(zero).toEqual({
      allOf: [{ $ref: '#/components/schemas/ProxmoxBoolean' }],
      description: 'off',
      default: false,
    });
    expect(convertSchema({ type: 'boolean', default: '1' }, ctx)).toMatchObject({ default: true });
    expect(ctx.components.has('ProxmoxBoolean')).toBe(true);
  });

  it('enum: null is dropped, an enum of another type is converted', () => {
    const out = convertSchema({ type: 'string', enum: null, description: 'compression' }, context());
    expect(out).toEqual({ type: 'string', description: 'compression' });
    expect(convertSchema({ type: 'integer', enum: ['1', 2, '2'] }, context())).toMatchObject({
      enum: [1, 2],
    });
    expect(convertSchema({ type: 'string', enum: [4, 'x'] }, context())).toMatchObject({ enum: ['4', 'x'] });
  });

  it('PBS `type` given as an object takes the inner type and keywords', () => {
    const out = convertSchema(
      { type: { type: 'string', enum: ['read-only', 'offline'], description: 'Maintenance type.' } },
      context('3.0', 'rust-literal'),
    );
    expect(out).toMatchObject({
      type: 'string',
      enum: ['read-only', 'offline'],
      description: 'Maintenance type.',
    });
  });

  it('optional "1" and additionalProperties 0 are flags', () => {
    const out = convertSchema(
      {
        type: 'object',
        additionalProperties: 0,
        properties: {
          a: { type: 'string', optional: '1' },
          b: { type: 'string', optional: 0 },
          c: { type: 'string' },
        },
      },
      context(),
    );
    expect(out).toMatchObject({ additionalProperties: false, required: ['b', 'c'] });
  });

  it('an object declared with `items` describes itself (PVE ceph/osd)', () => {
    const out = convertSchema(
      { type: 'object', items: { type: 'object', properties: { flags: { type: 'string' } } } },
      context(),
    );
    expect(out).toEqual({ type: 'object', properties: { flags: { type: 'string' } }, required: ['flags'] });
  });

  it('a `{id}` property is a placeholder for any key', () => {
    const map = convertSchema({ type: 'object', properties: { '{id}': { type: 'integer' } } }, context());
    expect(map).toMatchObject({ type: 'object', additionalProperties: { type: 'integer' } });
    expect(map.properties).toEqual({});
    const list = convertSchema({ type: 'array', properties: { '{id}': { type: 'integer' } } }, context());
    expect(list).toEqual({ type: 'array', items: { type: 'integer' }, 'x-proxmox-key-placeholder': '{id}' });
  });
});

describe('constraints and Proxmox keywords are kept', () => {
  it('keeps every JSON Schema constraint', () => {
    const out = convertSchema(
      {
        type: 'string',
        title: 'T',
        description: 'short',
        verbose_description: 'short, and longer',
        minLength: 1,
        maxLength: 9,
        pattern: '[a-z]+',
        format: 'pve-configid',
        default: 'x',
        enum: ['x', 'y'],
      },
      context(),
    );
    expect(out).toEqual({
      type: 'string',
      title: 'T',
      description: 'short, and longer',
      minLength: 1,
      maxLength: 9,
      pattern: '^[a-z]+$',
      format: 'pve-configid',
      default: 'x',
      enum: ['x', 'y'],
    });
  });

  it('keeps Proxmox-only keywords as x-proxmox-* extensions', () => {
    const out = convertSchema(
      {
        type: 'string',
        typetext: '<string>',
        renderer: 'bytes',
        requires: 'other',
        alias: 'a',
        links: [{ rel: 'child' }],
      },
      context(),
    );
    expect(out).toMatchObject({
      'x-proxmox-typetext': '<string>',
      'x-proxmox-renderer': 'bytes',
      'x-proxmox-requires': 'other',
      'x-proxmox-alias': 'a',
      'x-proxmox-links': [{ rel: 'child' }],
    });
  });

  it('keeps an untranslatable pattern in an extension instead of emitting it', () => {
    const out = convertSchema({ type: 'string', pattern: 'a++' }, context());
    expect(out.pattern).toBeUndefined();
    expect(out['x-proxmox-pattern']).toBe('a++');
  });

  it('models null as 3.0 nullable and as the 3.1 null type', () => {
    expect(convertSchema({ type: 'null' }, context('3.0'))).toEqual({
      type: 'object',
      nullable: true,
      enum: [null],
    });
    expect(convertSchema({ type: 'null' }, context('3.1'))).toEqual({ type: 'null' });
  });

  it('puts $ref siblings directly in 3.1 and behind allOf in 3.0', () => {
    expect(convertSchema({ type: 'boolean', description: 'd' }, context('3.1'))).toEqual({
      $ref: '#/components/schemas/ProxmoxBoolean',
      description: 'd',
    });
    expect(convertSchema({ type: 'boolean' }, context('3.0'))).toEqual({
      $ref: '#/components/schemas/ProxmoxBoolean',
    });
  });

  it('models oneOf with instance-types as anyOf and keeps the instance types', () => {
    const out = convertSchema(
      {
        type: 'array',
        'type-property': 'protocol',
        oneOf: [
          { 'instance-types': ['openfabric'], type: 'array', items: { type: 'string', enum: ['a'] } },
          { 'instance-types': ['ospf'], type: 'array', items: { type: 'string', enum: ['b'] } },
        ],
      },
      context(),
    );
    expect(out.anyOf).toEqual([
      { type: 'array', items: { type: 'string', enum: ['a'] }, 'x-proxmox-instance-types': ['openfabric'] },
      { type: 'array', items: { type: 'string', enum: ['b'] }, 'x-proxmox-instance-types': ['ospf'] },
    ]);
    expect(out['x-proxmox-type-property']).toBe('protocol');
  });

  it('notes in the description which instance types a property belongs to', () => {
    const out = convertSchema(
      {
        type: 'string',
        description: 'Affinity.',
        'instance-types': ['resource-affinity'],
        'type-property': 'type',
      },
      context(),
    );
    expect(out.description).toBe('Affinity.\n\nOnly for `type` resource-affinity.');
    expect(out['x-proxmox-instance-types']).toEqual(['resource-affinity']);
  });
});

describe('property strings', () => {
  it('describes PVE keys in x-proxmox-format and in the description', () => {
    const out = convertSchema(
      {
        type: 'string',
        description: 'Network device.',
        format: {
          model: { type: 'string', enum: ['virtio', 'e1000'], default_key: 1, description: 'Model.' },
          bridge: { type: 'string', optional: 1, format_description: 'bridge' },
          firewall: { type: 'boolean', optional: 1, default: '0' },
          virtio: { keyAlias: 'model', alias: 'macaddr', optional: 1 },
        },
        typetext: '[model=]<enum> [,bridge=<bridge>]',
      },
      context(),
    );
    expect(out.type).toBe('string');
    expect(out['x-proxmox-format']).toMatchObject({
      kind: 'key-value',
      defaultKey: 'model',
      keys: {
        model: { type: 'string', enum: ['virtio', 'e1000'] },
        bridge: { type: 'string', optional: true },
        firewall: { type: 'boolean', optional: true, default: false },
        virtio: { keyAlias: 'model' },
      },
    });
    expect(out.description).toContain('Network device.');
    expect(out.description).toContain('- `model` (default key; one of virtio, e1000; required): Model.');
    expect(out.description).toContain('- `firewall` (boolean; default false)');
    expect(out.description).toContain(
      '- `virtio` (`virtio=<value>` is short for `model=virtio,macaddr=<value>`)',
    );
  });

  it('describes PBS object and list formats in the same shape', () => {
    const object = convertSchema(
      {
        type: 'string',
        format: {
          type: 'object',
          default_key: 'type',
          additionalProperties: false,
          properties: {
            type: { type: 'string', enum: ['offline'] },
            message: { type: 'string', optional: 1, pattern: '/^[[:^cntrl:]]*$/' },
          },
        },
      },
      context('3.0', 'rust-literal'),
    );
    expect(object['x-proxmox-format']).toMatchObject({
      kind: 'key-value',
      defaultKey: 'type',
      additionalKeys: false,
      keys: { message: { pattern: '^[^\\x00-\\x1f\\x7f]*$', optional: true } },
    });
    const list = convertSchema(
      { type: 'string', format: { type: 'array', items: { type: 'string', enum: ['acl', 'entry'] } } },
      context('3.0', 'rust-literal'),
    );
    expect(list['x-proxmox-format']).toEqual({
      kind: 'list',
      items: { type: 'string', enum: ['acl', 'entry'] },
    });
    expect(list.description).toContain('a list of one of acl, entry');
  });
});

describe('open objects and any values', () => {
  it('an object without properties is open (additionalProperties: true)', () => {
    expect(convertSchema({ type: 'object', properties: {} }, context())).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: true,
    });
    expect(convertSchema({ type: 'object' }, context())).toEqual({
      type: 'object',
      additionalProperties: true,
    });
    // PBS closes the zpool vdev tree, which the server fills: open, the declaration kept aside.
    expect(convertSchema({ type: 'object', properties: {}, additionalProperties: false }, context())).toEqual(
      {
        type: 'object',
        properties: {},
        additionalProperties: true,
        'x-proxmox-additional-properties': false,
      },
    );
    // An object with properties stays as declared.
    expect(
      convertSchema({ type: 'object', properties: { a: { type: 'string' } } }, context()),
    ).not.toHaveProperty('additionalProperties');
  });

  it('`type: any` and `{}` are an explicit any-value schema', () => {
    expect(convertSchema({}, context())).toEqual({ description: ANY_VALUE });
    expect(convertSchema({ type: 'any', description: 'The file.' }, context())).toEqual({
      description: `The file.\n\n${ANY_VALUE}`,
    });
    expect(convertSchema({ type: 'string' }, context())).toEqual({ type: 'string' });
  });
});
