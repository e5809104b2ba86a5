import { listOperations } from '@proxmox-openapi/core';
import { APIDOC_FIXTURES } from '@proxmox-openapi/test-fixtures';
import { describe, expect, it } from 'vitest';
import { undoublePath } from './path-shape.js';
import { fixtureTree } from './test-support/documents.js';

describe('undoublePath', () => {
  it.each([
    ['/cluster/cluster/replication', '/cluster/replication'],
    ['/nodes/{node}/nodes/{node}/qemu', '/nodes/{node}/qemu'],
    ['/nodes/{node}/qemu/{vmid}/qemu/{vmid}/status', '/nodes/{node}/qemu/{vmid}/status'],
    ['/access/users/users', '/access/users'],
  ])('finds the doubled run in %s', (path, meant) => {
    expect(undoublePath(path)).toBe(meant);
  });

  it.each([
    '/',
    '/cluster',
    '/nodes/{node}/qemu/{vmid}',
    '/a/b/a',
    '/access/users/{userid}/token/{token-name}',
  ])('leaves %s alone', (path) => {
    expect(undoublePath(path)).toBeUndefined();
  });

  it('finds no doubled path in any real apidoc', () => {
    for (const fixture of APIDOC_FIXTURES) {
      const doubled = [...listOperations(fixtureTree(fixture.file))].filter((op) => undoublePath(op.path));
      expect(doubled.map((op) => op.path)).toEqual([]);
    }
  });
});
