import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { apiTokenHeaderExample, outdatedSnapshotWarning } from './target-facts.js';
import { API_TARGETS, DEFAULT_API_IDS, getApiTarget, isApiId, registerApiTarget } from './targets.js';

describe('API target registry', () => {
  it('describes each product as its own code and schema do', () => {
    expect(getApiTarget('pve')).toMatchObject({
      defaultPort: 8006,
      auth: { cookie: 'PVEAuthCookie', apiToken: { prefix: 'PVEAPIToken', separator: '=' } },
      patternDialect: 'perl',
    });
    expect(getApiTarget('pbs')).toMatchObject({
      defaultPort: 8007,
      auth: { cookie: 'PBSAuthCookie', apiToken: { prefix: 'PBSAPIToken', separator: ':' } },
      patternDialect: 'rust-literal',
      apidocDeclaration: 'var',
    });
    expect(getApiTarget('pmg')).toMatchObject({
      defaultPort: 8006,
      auth: { cookie: 'PMGAuthCookie', apiToken: null },
    });
    expect(getApiTarget('pdm')).toMatchObject({
      defaultPort: 8443,
      auth: {
        cookie: '__Host-PDMAuthCookie',
        ticketDelivery: 'http-only-cookie',
        apiToken: { prefix: 'PDMAPIToken', separator: ':' },
      },
    });
    expect(getApiTarget('pve8').apidocUrl).toBe('https://pve.proxmox.com/pve-docs-8/api-viewer/apidoc.js');
  });

  it('writes the token header with each product separator, and none for PMG', () => {
    expect(apiTokenHeaderExample(getApiTarget('pve'))).toBe('PVEAPIToken=USER@REALM!TOKENID=SECRET');
    expect(apiTokenHeaderExample(getApiTarget('pbs'))).toBe('PBSAPIToken=USER@REALM!TOKENID:SECRET');
    expect(apiTokenHeaderExample(getApiTarget('pdm'))).toBe('PDMAPIToken=USER@REALM!TOKENID:SECRET');
    expect(apiTokenHeaderExample(getApiTarget('pmg'))).toBeUndefined();
  });

  it('warns about the outdated PMG snapshot until a newer schema replaces it', () => {
    const pmg = getApiTarget('pmg');
    expect(outdatedSnapshotWarning(pmg, '2020-11-18T00:00:00.000Z')).toMatch(/2020-11-18/);
    expect(outdatedSnapshotWarning(pmg)).toMatch(/years older/);
    expect(outdatedSnapshotWarning(pmg, '2026-12-01T10:00:00.000Z')).toBeUndefined();
    expect(outdatedSnapshotWarning(getApiTarget('pve'), '2020-01-01')).toBeUndefined();
  });

  it('serves every API under /api2/json with unique ids and output names', () => {
    expect(API_TARGETS.map((t) => t.id)).toEqual(['pve', 'pbs', 'pmg', 'pdm', 'pve8']);
    expect(new Set(API_TARGETS.map((t) => t.basePath))).toEqual(new Set(['/api2/json']));
    expect(new Set(API_TARGETS.map((t) => t.outputs.json)).size).toBe(API_TARGETS.length);
    expect(getApiTarget('pve8').outputs).toEqual({
      json: 'pve8-api.json',
      yaml: 'pve8-api.yaml',
      snapshot: 'apidoc.json',
    });
    expect(DEFAULT_API_IDS).toEqual(['pve', 'pbs']);
  });

  it('refuses an unknown id with a usage error that lists the known ones', () => {
    expect(isApiId('pve')).toBe(true);
    expect(isApiId('xyz')).toBe(false);
    expect(() => getApiTarget('xyz')).toThrow(UsageError);
    expect(() => getApiTarget('xyz')).toThrow(/pve, pbs, pmg, pdm, pve8/);
  });

  it('registers one more product from one entry, and refuses a taken or malformed id', () => {
    const entry = {
      id: 'pxz',
      name: 'Proxmox Example',
      apidocUrl: 'http://127.0.0.1/apidoc.js',
      defaultPort: 8009,
      auth: { cookie: 'PXZAuthCookie', ticketDelivery: 'response-body', apiToken: null },
      patternDialect: 'rust-literal',
      apidocDeclaration: 'var',
      snapshot: { date: '2026-01-01', release: 'example 1' },
    } as const;
    const target = registerApiTarget(entry);
    expect(target.outputs.json).toBe('pxz-api.json');
    expect(getApiTarget('pxz')).toBe(target);
    expect(API_TARGETS.at(-1)).toBe(target);
    expect(() => registerApiTarget(entry)).toThrow(/already registered/);
    expect(() => registerApiTarget({ ...entry, id: 'all' })).toThrow(/not "all" or "both"/);
    expect(() => registerApiTarget({ ...entry, id: 'Bad-Id' })).toThrow(/lowercase/);
    expect(() => registerApiTarget({ ...entry, id: 'pxy', defaultPort: 70000 })).toThrow(/not a TCP port/);
    expect(() =>
      registerApiTarget({ ...entry, id: 'pxw', snapshot: { date: '2026-1-1', release: 'x' } }),
    ).toThrow(/YYYY-MM-DD/);
    expect(() => registerApiTarget({ ...entry, id: 'pxv', historyDir: '../elsewhere' })).toThrow(
      /not a path inside the repository/,
    );
    expect(() => registerApiTarget({ ...entry, id: 'pxu', historyDir: '/abs' })).toThrow(
      /not a path inside the repository/,
    );
    expect(isApiId('pxy')).toBe(false);
  });

  it('names a history folder for PVE only', () => {
    expect(API_TARGETS.filter((t) => t.historyDir !== undefined).map((t) => [t.id, t.historyDir])).toEqual([
      ['pve', 'history/pve'],
    ]);
  });
});
