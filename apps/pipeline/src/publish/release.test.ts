import { describe, expect, it } from 'vitest';
import type { Manifest } from './manifest.js';
import { documentOperations, releaseNotes } from './release.js';

describe('documentOperations', () => {
  it('lists every (method, path) of a document, sorted, ignoring path-level keys', () => {
    const document = {
      paths: {
        '/b': { get: {}, parameters: [], summary: 'x', delete: {} },
        '/a': { post: {}, put: {} },
      },
    };
    expect(documentOperations(document)).toEqual(['DELETE /b', 'GET /b', 'POST /a', 'PUT /a']);
  });

  it('gives nothing for a value that is not a document', () => {
    expect(documentOperations(null)).toEqual([]);
    expect(documentOperations({ paths: 3 })).toEqual([]);
  });
});

describe('releaseNotes', () => {
  const manifest = {
    format: 1,
    apis: {
      pve: {
        name: 'Proxmox VE',
        source: { url: 'file:///x', sha256: 'a'.repeat(64), fetchedAt: '2026-08-16T10:00:00.000Z' },
        generator: '@proxmox-openapi/spec-generate@0.1.0',
      },
    },
    files: [],
  } as unknown as Manifest;

  it('says what it compared with, lists the operations, then the changelog', () => {
    const notes = releaseNotes(manifest, {
      base: 'previous release',
      changes: { pve: { added: ['GET /b'], removed: ['POST /a'] } },
      changelog: '## Changelog of this release\n\nclassified\n',
    });
    expect(notes).toContain('## Changes since the previous release\n\nCompared with the previous release.\n');
    expect(notes).toContain('### Proxmox VE: 1 added, 1 removed\n\n- added `GET /b`\n- removed `POST /a`\n');
    expect(notes.endsWith('## Changelog of this release\n\nclassified\n')).toBe(true);
    expect(notes).toContain('| Proxmox VE (`pve`) | ? | ? | 2026-08-16 | `aaaaaaaaaaaa` |');
  });

  it('says so when every operation is new', () => {
    const notes = releaseNotes(manifest, {
      base: 'none',
      changes: { pve: { added: [], removed: [] } },
      changelog: '',
    });
    expect(notes).toContain('No previous specs were published: every operation is new.');
    expect(notes).toContain('No operation was added or removed.');
  });
});
