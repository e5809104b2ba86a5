import { describe, expect, it } from 'vitest';
import { type PipelineOptions, planSource } from './pipeline-options.js';

const base: Pick<PipelineOptions, 'sources' | 'offline' | 'strictFetch'> = {
  sources: {},
  offline: false,
  strictFetch: false,
};

describe('the fetch policy as a plan', () => {
  it('fetches the target live by default, strict only with --strict-fetch', () => {
    expect(planSource('pve', base)).toEqual({
      kind: 'live',
      url: 'https://pve.proxmox.com/pve-docs/api-viewer/apidoc.js',
      strict: false,
    });
    expect(planSource('pbs', { ...base, strictFetch: true })).toMatchObject({ kind: 'live', strict: true });
  });

  it('reads the snapshot with --offline, and a --source file in any mode', () => {
    expect(planSource('pve', { ...base, offline: true })).toEqual({ kind: 'snapshot' });
    expect(planSource('pbs', { ...base, offline: true, sources: { pbs: '/x/apidoc.js' } })).toEqual({
      kind: 'file',
      path: '/x/apidoc.js',
    });
  });

  it('downloads a --source URL with the same fallback policy', () => {
    expect(planSource('pbs', { ...base, sources: { pbs: 'http://127.0.0.1:1/a.js' } })).toEqual({
      kind: 'live',
      url: 'http://127.0.0.1:1/a.js',
      strict: false,
    });
  });
});
