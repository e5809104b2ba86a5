import { loadFixtureTree, newestFixture } from '@proxmox-openapi/test-fixtures';
import { describe, expect, it } from 'vitest';
import { type ApiNode, type ApiSchema, walkApiTree } from '../api-tree.js';
import { indexedBase, statedIndexRange } from './indexed-name.js';

/** Every `name[n]` parameter of a real schema, with its schema. */
function indexedParameters(file: string): Map<string, ApiSchema> {
  const found = new Map<string, ApiSchema>();
  for (const node of walkApiTree(loadFixtureTree(file) as ApiNode[])) {
    for (const method of Object.values(node.info ?? {})) {
      const properties = method?.parameters?.properties ?? {};
      for (const [name, schema] of Object.entries(properties)) {
        if (name.endsWith('[n]')) found.set(`${method?.method} ${node.path} ${name}`, schema as ApiSchema);
      }
    }
  }
  return found;
}

describe('the range an indexed parameter states', () => {
  it('reads the PVE schema: scsi[n] is 0 to 30, and some families state none', () => {
    const parameters = indexedParameters(newestFixture('pve').file);
    const scsi = [...parameters].find(([key]) => key.endsWith(' scsi[n]'));
    expect(scsi && statedIndexRange('scsi[n]', scsi[1])).toEqual({ base: 'scsi', min: 0, max: 30 });
    const ranges = [...parameters].map(([key, schema]) => statedIndexRange(key.split(' ')[2] ?? '', schema));
    expect(ranges.some((range) => range === undefined)).toBe(true);
    for (const range of ranges) if (range) expect(range.max).toBeGreaterThanOrEqual(range.min);
  });

  it('reads "link0..link7" and takes the largest bound named', () => {
    expect(statedIndexRange('link[n]', { description: 'up to 8 links supported; link0..link7' })).toEqual({
      base: 'link',
      min: 0,
      max: 7,
    });
    expect(
      statedIndexRange('usb[n]', { description: 'USB device (n is 0 to 4, ... n can be up to 14).' })?.max,
    ).toBe(14);
  });

  it('knows only `name[n]` as indexed', () => {
    expect(indexedBase('net[n]')).toBe('net');
    expect(indexedBase('net0')).toBeUndefined();
    expect(statedIndexRange('net0', { description: 'n is 0 to 3' })).toBeUndefined();
  });
});
