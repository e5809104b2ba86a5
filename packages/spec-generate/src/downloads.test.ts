import { describe, expect, it } from 'vitest';
import { generateSpec } from './generate-spec.js';
import { fixture } from './test-support/fixtures.js';

type Response = { description: string; content: Record<string, { schema: Record<string, unknown> }> };

describe.each(['3.0', '3.1'] as const)('operations that send a file (PVE, OpenAPI %s)', (version) => {
  const { tree, target } = fixture('pve-apidoc-2026-08-16.json.gz', 'pve');
  const document = generateSpec(tree, { target, openapi: version });
  const ok = (path: string) => {
    const operation = document.paths[path]?.get as { responses: Record<string, Response> } | undefined;
    return operation?.responses['200'];
  };
  const binary = { schema: { type: 'string', format: 'binary' } };

  it('the file-restore download sends only the file: its result is any value', () => {
    const response = ok('/nodes/{node}/storage/{storage}/file-restore/download');
    expect(Object.keys(response?.content ?? {})).toEqual(['application/octet-stream']);
    expect(response?.content['application/octet-stream']).toEqual(binary);
  });

  it('the task log answers JSON, or the file with download=1', () => {
    const response = ok('/nodes/{node}/tasks/{upid}/log');
    expect(Object.keys(response?.content ?? {})).toEqual(['application/json', 'application/octet-stream']);
    expect(response?.content['application/octet-stream']).toEqual(binary);
    expect(response?.description).toContain('`download=1`');
    expect(response?.content['application/json']?.schema).toMatchObject({ required: ['data'] });
  });

  it('only operations marked download_allowed declare a file', () => {
    const withFile = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(
          ([, op]) =>
            'application/octet-stream' in
            ((op as { responses: Record<string, Response> }).responses['200']?.content ?? {}),
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(withFile.sort()).toEqual([
      'GET /nodes/{node}/journal',
      'GET /nodes/{node}/storage/{storage}/file-restore/download',
      'GET /nodes/{node}/tasks/{upid}/log',
    ]);
  });
});
