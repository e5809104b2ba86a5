import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { serializeSpec } from './serialize.js';
import type { OpenApiDocument } from './types.js';

const document: OpenApiDocument = {
  openapi: '3.0.3',
  info: { title: 'T', version: '1' },
  paths: {},
  components: {
    schemas: {
      Tricky: {
        type: 'string',
        enum: [
          'on',
          'off',
          'yes',
          'no',
          'y',
          'null',
          '1',
          '0x10',
          '1e3',
          '2024-06-10',
          '~',
          '<<',
          '- x',
          'a: b',
          '#c',
        ],
        description: 'Line one.\nLine two with a trailing space \n\n  indented',
        default: 'on',
        'x-proxmox-long': 'x'.repeat(300),
      },
      Shared: { $ref: '#/components/schemas/Tricky' },
    },
  },
};

describe('serializeSpec', () => {
  const { json, yaml } = serializeSpec(document);

  it('writes JSON with a 2-space indent and a final newline', () => {
    expect(json).toBe(`${JSON.stringify(document, null, 2)}\n`);
  });

  it('writes YAML that parses back to the same object, strings that look like other types included', () => {
    expect(load(yaml)).toEqual(document);
    // YAML 1.1 readers (PyYAML, …) would read these as booleans, numbers or dates if they were plain.
    for (const value of ['on', 'off', 'yes', 'no', '2024-06-10', '0x10'])
      expect(yaml).toMatch(new RegExp(`- ['"]${value}['"]\\n`));
    expect(yaml).not.toMatch(/&ref_|\*ref_/);
    expect(yaml.split('\n').some((line) => line.length > 300)).toBe(true);
  });

  it('repeats a shared object instead of writing YAML anchors', () => {
    const shared = { type: 'string' };
    const doc = { ...document, components: { schemas: { A: shared, B: shared } } };
    const out = serializeSpec(doc).yaml;
    expect(out).not.toContain('&');
    expect(load(out)).toEqual(doc);
  });

  it('gives the same bytes for the same document', () => {
    expect(serializeSpec(structuredClone(document))).toEqual({ json, yaml });
  });
});
