import { describe, expect, it } from 'vitest';
import { newApiReadme } from './readme-file.js';

describe('newApiReadme', () => {
  it('starts a registered API with its name, its files and where it is served, then the markers', () => {
    const fresh = newApiReadme('pve');
    expect(fresh.split('\n')[0]).toBe('# Proxmox VE API: OpenAPI documents');
    expect(fresh).toContain('under `/api2/json` on port 8006');
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
