import { describe, expect, it } from 'vitest';
import { diffApis } from './diff-apis.js';
import { method, returning, tree } from './test-support/synthetic.js';

describe('diffApis speaks Proxmox', () => {
  it('sees no change between encodings of the same values', () => {
    const old = tree(
      method(
        {
          start: { type: 'boolean', optional: 1, default: 0 },
          cores: { type: 'integer', optional: '1', minimum: '1', maximum: 128, default: '1' },
          mode: { type: { type: 'string' }, enum: ['a', 'b'], optional: 'true' },
          note: { type: 'string', optional: 1, description: 'A  note\n  about it.', enum: null },
        },
        { allowtoken: '1', protected: '1' },
      ),
    );
    const next = tree(
      method(
        {
          start: { type: 'boolean', optional: true, default: false },
          cores: { type: 'integer', optional: 1, minimum: 1, maximum: '128', default: 1 },
          mode: { type: 'string', enum: ['a', 'b', 'a'], optional: 1 },
          note: { type: 'string', optional: true, description: 'A note about it.' },
        },
        { allowtoken: true, protected: 1 },
      ),
    );
    expect(diffApis(old, next).changes).toEqual([]);
  });

  it('treats an indexed family as one parameter', () => {
    const family = {
      'scsi[n]': { type: 'string', optional: 1, description: 'Use as SCSI hard disk (n is 0 to 30).' },
    };
    const diff = diffApis(tree(method(family)), tree(method(family)));
    expect(diff.changes).toEqual([]);
  });

  it('compares property strings key by key, booleans as booleans', () => {
    const key = (firewall: unknown) => ({
      net0: {
        type: 'string',
        format: {
          model: { type: 'string', default_key: 1 },
          firewall: { type: 'boolean', optional: 1, default: firewall },
        },
      },
    });
    expect(diffApis(tree(method(key(0))), tree(method(key('false')))).changes).toEqual([]);
    const changed = diffApis(tree(method(key(0))), tree(method(key(1)))).changes;
    expect(changed.map((c) => [c.rule, c.location, c.old, c.new])).toEqual([
      ['request-parameter-default-changed', 'parameter net0 key firewall', false, true],
    ]);
    expect(changed[0]?.message).toBe(
      'parameter `net0` key `firewall` default changed from `false` to `true`',
    );
  });

  it('reads PBS property strings (an object schema as format)', () => {
    const pbs = (keys: object) => ({
      tuning: { type: 'string', optional: 1, format: { type: 'object', properties: keys } },
    });
    const diff = diffApis(
      tree(method(pbs({ chunk: { type: 'integer', optional: true } }))),
      tree(method(pbs({ chunk: { type: 'integer', optional: true }, sync: { type: 'string' } }))),
    );
    expect(diff.changes.map((c) => [c.rule, c.location])).toEqual([
      ['request-property-key-added-required', 'parameter tuning key sync'],
    ]);
  });

  it('compares nested object parameters and array items', () => {
    const diff = diffApis(
      tree(
        method({
          config: { type: 'object', properties: { a: { type: 'string' } } },
          ids: { type: 'array', items: { type: 'integer' } },
        }),
      ),
      tree(
        method({
          config: { type: 'object', properties: {} },
          ids: { type: 'array', items: { type: 'string' } },
        }),
      ),
    );
    expect(diff.changes.map((c) => [c.rule, c.location])).toEqual([
      ['request-parameter-removed', 'parameter config.a'],
      ['request-parameter-type-changed', 'parameter ids[]'],
    ]);
  });

  it('leaves descriptions out on request', () => {
    const old = tree(method({ a: { type: 'string', description: 'one' } }, { description: 'x' }));
    const next = tree(method({ a: { type: 'string', description: 'two' } }, { description: 'y' }));
    expect(diffApis(old, next).changes).toHaveLength(2);
    expect(diffApis(old, next, { descriptions: false }).changes).toEqual([]);
  });

  it('sorts breaking first, then by path, method and rule', () => {
    const old = tree(method({ a: { type: 'string', optional: 1 } }), {
      ...returning({ type: 'null' }),
      method: 'GET',
    });
    const next = tree(method({ b: { type: 'string', optional: 1 } }), {
      ...returning({ type: 'string' }),
      method: 'GET',
    });
    const diff = diffApis(old, next);
    expect(diff.changes.map((c) => [c.level, c.operation.method, c.rule])).toEqual([
      ['breaking', 'GET', 'response-property-type-changed'],
      ['breaking', 'POST', 'request-parameter-removed'],
      ['info', 'POST', 'request-parameter-added-optional'],
    ]);
  });

  it('counts and summarizes in one line', () => {
    const diff = diffApis(tree(), tree(method(), { ...method(), method: 'GET' }), {
      api: 'pve',
      from: { label: 'pve-docs 8.3.2', date: '2025-04-09' },
      to: { label: 'pve-docs 9.0.8', date: '2025-11-17' },
    });
    expect(diff.summary).toEqual({
      operationsAdded: 2,
      operationsRemoved: 0,
      breaking: 0,
      warning: 0,
      info: 2,
      line: 'PVE pve-docs 8.3.2 → pve-docs 9.0.8: 2 operations added, 0 removed; 0 breaking, 0 warnings, 2 info',
    });
    expect(diffApis(tree(method()), tree()).summary.line).toBe(
      'old → new: 0 operations added, 1 removed; 1 breaking, 0 warnings, 0 info',
    );
  });
});

describe('hostile trees', () => {
  it('compares a 100k-deep chain of nested properties without overflowing the stack', () => {
    const chain = (leaf: string) => {
      let schema: Record<string, unknown> = { type: leaf };
      for (let i = 0; i < 100_000; i++) schema = { type: 'object', properties: { a: schema } };
      return schema;
    };
    const diff = diffApis(tree(method({ deep: chain('string') })), tree(method({ deep: chain('integer') })));
    // The difference sits below the compared depth: nothing is reported, nothing crashes.
    expect(diff.changes).toEqual([]);
    const answer = diffApis(tree(returning(chain('string'))), tree(returning(chain('integer'))));
    expect(answer.changes).toEqual([]);
  });
});
