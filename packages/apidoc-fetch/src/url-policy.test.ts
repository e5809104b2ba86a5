import { describe, expect, it } from 'vitest';
import {
  isLoopbackAddress,
  isLoopbackHost,
  loopbackOnlyLookup,
  needsLoopbackLookup,
  urlRefusal,
} from './url-policy.js';

describe('the URL policy', () => {
  it.each([
    'https://pve.proxmox.com/pve-docs/api-viewer/apidoc.js',
    'https://10.0.0.1:8006/apidoc.js',
    'http://127.0.0.1:8080/apidoc.js',
    'http://127.255.0.9/apidoc.js',
    'http://localhost/apidoc.js',
    'http://LOCALHOST:1/apidoc.js',
    'http://[::1]:8080/apidoc.js',
  ])('allows %s', (url) => {
    expect(urlRefusal(new URL(url))).toBeUndefined();
  });

  it.each([
    ['http://pve.proxmox.com/apidoc.js', /plain http/],
    ['http://128.0.0.1/apidoc.js', /plain http/],
    ['http://127.0.0.1.nip.io/apidoc.js', /plain http/],
    ['http://[::2]/apidoc.js', /plain http/],
    ['ftp://127.0.0.1/apidoc.js', /ftp scheme/],
    ['file:///tmp/apidoc.js', /file scheme/],
    ['data:text/javascript,var apiSchema=[]', /data scheme/],
  ])('refuses %s', (url, message) => {
    expect(urlRefusal(new URL(url))).toMatch(message);
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('app.localhost')).toBe(true);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
  });
});

describe('plain http by name resolves to loopback only', () => {
  it('knows loopback addresses, IPv4-mapped too', () => {
    for (const address of ['127.0.0.1', '127.9.8.7', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(address)).toBe(true);
    }
    for (const address of ['10.0.0.1', '192.0.2.2', '::2', '::ffff:10.0.0.1', '0.0.0.0']) {
      expect(isLoopbackAddress(address)).toBe(false);
    }
  });

  it('checks names, not addresses, and only for plain http', () => {
    expect(needsLoopbackLookup(new URL('http://app.localhost:8080/x'))).toBe(true);
    expect(needsLoopbackLookup(new URL('http://localhost/x'))).toBe(true);
    expect(needsLoopbackLookup(new URL('http://127.0.0.1/x'))).toBe(false);
    expect(needsLoopbackLookup(new URL('http://[::1]/x'))).toBe(false);
    expect(needsLoopbackLookup(new URL('https://pve.example/x'))).toBe(false);
  });

  it('resolves localhost through the real resolver to loopback addresses', async () => {
    const addresses = await new Promise<unknown>((resolve, reject) => {
      loopbackOnlyLookup('localhost', { all: true }, (error, result) =>
        error ? reject(error) : resolve(result),
      );
    });
    expect(Array.isArray(addresses) && addresses.length > 0).toBe(true);
    for (const { address } of addresses as { address: string }[])
      expect(isLoopbackAddress(address)).toBe(true);
  });
});
