import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newApiReadme } from './readme-file.js';

describe('newApiReadme', () => {
  it('is the README the published folders start from, byte for byte, up to the markers', () => {
    // specs/pve/README.md as committed: a new folder must start with the same text.
    const published = readFileSync(new URL('../../../specs/pve/README.md', import.meta.url), 'utf8');
    const fresh = newApiReadme('pve');
    const head = fresh.slice(0, fresh.indexOf('<!-- proxmox-openapi:stats:start -->'));
    expect(published.startsWith(head)).toBe(true);
    expect(fresh.endsWith('<!-- proxmox-openapi:stats:start -->\n<!-- proxmox-openapi:stats:end -->\n')).toBe(
      true,
    );
  });

  it('names an API outside the registry by the title it is given', () => {
    expect(newApiReadme('xyz', 'Some Product').split('\n')[0]).toBe('# Some Product API: OpenAPI documents');
    expect(newApiReadme('xyz').split('\n')[2]).toBe(
      '`xyz-api.json` and `xyz-api.yaml` describe the xyz API. `apidoc.json` is the API viewer schema',
    );
  });
});
