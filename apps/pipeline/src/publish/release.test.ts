import { describe, expect, it } from 'vitest';
import { documentOperations } from './release.js';

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
