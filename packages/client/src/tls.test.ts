import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxmoxClient } from './create-client.js';
import { getProduct } from './products.js';
import { type FakeProxmox, startFakeProxmox } from './test-support/fake-proxmox.js';

const run = promisify(execFile);
const TOKEN = 'root@pam!ci=4f1a0e4c-9d1e-4c55-9b1f-2d7c3a0e5b61';
const pve = getProduct('pve');

/** The TLS code of a failed fetch (undici puts the socket's error in `cause`). */
async function tlsFailure(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => new Error('no failure'),
    (e: unknown) => e,
  )) as Error & { cause?: { code?: string } };
  return error.cause?.code ?? error.message;
}

/** A fresh self-signed certificate for 127.0.0.1, as a Proxmox host has out of the box. */
async function selfSigned(dir: string, name: string): Promise<{ key: string; cert: string }> {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
}

describe('TLS for self-signed servers, per client', () => {
  let dir: string;
  let server: FakeProxmox;
  let pem: { key: string; cert: string };
  let other: { key: string; cert: string };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'client-tls-'));
    pem = await selfSigned(dir, 'pve1');
    other = await selfSigned(dir, 'elsewhere');
    server = await startFakeProxmox({
      authCookie: 'PVEAuthCookie',
      tokenHeader: `PVEAPIToken=${TOKEN}`,
      username: 'root@pam',
      password: 'x',
      tls: pem,
    });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses the self-signed certificate without options', async () => {
    const client = createProxmoxClient(pve, { baseUrl: server.baseUrl, auth: { token: TOKEN } });
    expect(await tlsFailure(client.GET('/version' as never))).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('trusts it as a custom CA, and only that CA', async () => {
    const client = createProxmoxClient(pve, {
      baseUrl: server.baseUrl,
      auth: { token: TOKEN },
      tls: { ca: pem.cert },
    });
    await expect(client.GET('/version' as never)).resolves.toMatchObject({ release: '9.1' });
    await client.close();
    const wrong = createProxmoxClient(pve, {
      baseUrl: server.baseUrl,
      auth: { token: TOKEN },
      tls: { ca: other.cert },
    });
    expect(await tlsFailure(wrong.GET('/version' as never))).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    await wrong.close();
  });

  it('accepts it by its pinned SHA-256 fingerprint, in any spelling, and refuses another fingerprint', async () => {
    const fingerprint = new X509Certificate(pem.cert).fingerprint256;
    for (const spelling of [fingerprint, fingerprint.replace(/:/g, '').toLowerCase()]) {
      const client = createProxmoxClient(pve, {
        baseUrl: server.baseUrl,
        auth: { token: TOKEN },
        tls: { fingerprint256: spelling },
      });
      await expect(client.GET('/version' as never)).resolves.toMatchObject({ release: '9.1' });
      await client.close();
    }
    const otherFingerprint = new X509Certificate(other.cert).fingerprint256;
    const pinned = createProxmoxClient(pve, {
      baseUrl: server.baseUrl,
      auth: { token: TOKEN },
      tls: { fingerprint256: otherFingerprint },
    });
    const error = (await pinned.GET('/version' as never).catch((e: unknown) => e)) as Error & {
      cause?: Error;
    };
    expect(`${error.message} ${error.cause?.message}`).toContain(
      `not the pinned ${otherFingerprint.replace(/:/g, '')}`,
    );
    await pinned.close();
    expect(() =>
      createProxmoxClient(pve, {
        baseUrl: server.baseUrl,
        auth: { token: TOKEN },
        tls: { fingerprint256: 'AB:CD' },
      }),
    ).toThrow('tls.fingerprint256: expected 32 bytes in hex');
  });

  it('changes nothing for the rest of the process', async () => {
    const client = createProxmoxClient(pve, {
      baseUrl: server.baseUrl,
      auth: { token: TOKEN },
      tls: { ca: pem.cert },
    });
    await client.GET('/version' as never);
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
    expect(await tlsFailure(fetch(`${server.baseUrl}/api2/json/version`))).toBe(
      'DEPTH_ZERO_SELF_SIGNED_CERT',
    );
    await client.close();
  });
});
