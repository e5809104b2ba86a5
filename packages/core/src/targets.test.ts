import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { API_TARGETS, DEFAULT_API_IDS, getApiTarget, isApiId } from './targets.js';

describe('API target registry', () => {
  it('describes PVE and PBS as the products publish them', () => {
    const pve = getApiTarget('pve');
    expect(pve).toMatchObject({ defaultPort: 8006, authCookie: 'PVEAuthCookie', tokenPrefix: 'PVEAPIToken' });
    expect(pve.outputs).toEqual({ json: 'pve-api.json', yaml: 'pve-api.yaml', snapshot: 'apidoc.json' });
    const pbs = getApiTarget('pbs');
    expect(pbs).toMatchObject({ defaultPort: 8007, authCookie: 'PBSAuthCookie', tokenPrefix: 'PBSAPIToken' });
    expect(pbs.apidocUrl).toBe('https://pbs.proxmox.com/docs/api-viewer/apidoc.js');
  });

  it('has PMG and PDM as plain entries', () => {
    expect(getApiTarget('pmg')).toMatchObject({
      defaultPort: 8006,
      authCookie: 'PMGAuthCookie',
      tokenPrefix: 'PMGAPIToken',
    });
    expect(getApiTarget('pdm').defaultPort).toBe(8443);
  });

  it('serves every API under /api2/json with unique ids and output names', () => {
    expect(new Set(API_TARGETS.map((t) => t.basePath))).toEqual(new Set(['/api2/json']));
    expect(new Set(API_TARGETS.map((t) => t.outputs.json)).size).toBe(API_TARGETS.length);
    expect(DEFAULT_API_IDS).toEqual(['pve', 'pbs']);
  });

  it('refuses an unknown id with a usage error that lists the known ones', () => {
    expect(isApiId('pve')).toBe(true);
    expect(isApiId('xyz')).toBe(false);
    expect(() => getApiTarget('xyz')).toThrow(UsageError);
    expect(() => getApiTarget('xyz')).toThrow(/pve, pbs, pmg, pdm/);
  });
});
