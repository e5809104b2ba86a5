import { describe, expect, it } from 'vitest';
import { isLoopbackHost, urlRefusal } from './url-policy.js';

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
