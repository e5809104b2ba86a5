import { getApiTarget } from '@proxmox-openapi/core';
import { HISTORY_FIXTURES, PRODUCT_FIXTURES } from '@proxmox-openapi/test-fixtures';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateSpec } from './generate-spec.js';
import { serializeSpec } from './serialize.js';
import { loadFixture } from './test-support/fixtures.js';
import { isAmbiguousPlainScalar } from './yaml-quoting.js';

/** js-yaml reads YAML 1.2 (core schema); `yaml` (eemeli) in 1.1 mode reads as PyYAML and older tools do. */
const readers = {
  'js-yaml (1.2)': (text: string) => load(text),
  'yaml (1.1)': (text: string) => parse(text, { version: '1.1', maxAliasCount: -1 }),
};

describe('YAML that YAML 1.1 and 1.2 parsers read back as the same strings', () => {
  it('quotes what a parser would read as a number, a boolean, null or a date', () => {
    const tricky = [
      'e1000',
      'E1000',
      'y',
      'N',
      'Off',
      '1_000',
      '0o17',
      '017',
      '1:20',
      '.inf',
      '~',
      '=',
      '<<',
    ];
    const text = serializeSpec({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {},
      components: { schemas: { Nic: { type: 'string', enum: tricky, default: 'e1000' } } },
      // Keys too: a model name as a key would become a number.
      'x-models': Object.fromEntries(tricky.map((name) => [name, name])),
    }).yaml;
    for (const [name, read] of Object.entries(readers)) {
      const back = read(text) as {
        components: { schemas: { Nic: { enum: unknown[] } } };
        'x-models': object;
      };
      expect(back.components.schemas.Nic.enum, name).toEqual(tricky);
      expect(Object.keys(back['x-models']), name).toEqual(tricky);
    }
    // Plain strings stay plain: quoting is kept to the ambiguous ones.
    for (const plain of ['e1000e', 'virtio', 'rtl8139', 'vmbr0', 'x'])
      expect(isAmbiguousPlainScalar(plain), plain).toBe(false);
  });

  // Every product's newest schema and the newest PVE of the history (the NIC models list e1000).
  const cases = [...PRODUCT_FIXTURES, HISTORY_FIXTURES.at(-1)].filter((f) => f !== undefined);
  it.each(cases.map((f) => [f.file, f.api]))(
    '%s: every reader gets the JSON document back',
    {
      timeout: 600_000,
    },
    (file, api) => {
      const document = generateSpec(loadFixture(file), { target: getApiTarget(api) });
      const { json, yaml } = serializeSpec(document);
      const expected = JSON.parse(json);
      for (const [name, read] of Object.entries(readers)) expect(read(yaml), name).toEqual(expected);
    },
  );
});
