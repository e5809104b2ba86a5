import { describe, expect, it } from 'vitest';
import { redactingIo, redactUrl, type TextSink } from './redact-url.js';

describe('redactUrl', () => {
  it.each([
    [
      'https://root:pa55@pve.example:8006/pve-docs/api-viewer/apidoc.js',
      'https://***@pve.example:8006/pve-docs/api-viewer/apidoc.js',
    ],
    ['http://user@127.0.0.1:8080/x', 'http://***@127.0.0.1:8080/x'],
    ['https://:only-password@host/', 'https://***@host/'],
    ['https://a%40b:p%2Fq@host/x?y=1', 'https://***@host/x?y=1'],
  ])('drops the userinfo of %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
    expect(redactUrl(new URL(url))).toBe(new URL(expected).href);
  });

  it('redacts every URL inside a message and leaves the rest as it was', () => {
    const message = 'GET https://u:secret@a.example/x: HTTP 503; then http://v:other@b.example/ too';
    expect(redactUrl(message)).toBe('GET https://***@a.example/x: HTTP 503; then http://***@b.example/ too');
  });

  it('leaves URLs without userinfo, and an @ in a path or query, untouched', () => {
    for (const text of [
      'https://pve.example:8006/pve-docs/api-viewer/apidoc.js',
      'https://host/users/@me?mail=a@b.example#x@y',
      'file:///tmp/a@b/apidoc.json',
      'mail root@example.com about it',
    ]) {
      expect(redactUrl(text)).toBe(text);
    }
  });
});

describe('redactingIo', () => {
  it('redacts what is written to stdout and stderr, keeping isTTY', () => {
    let out = '';
    let err = '';
    const given: { stdout: TextSink; stderr: TextSink; cwd: string } = {
      stdout: { write: (c: string) => (out += c), isTTY: true },
      stderr: { write: (c: string) => (err += c) },
      cwd: '/',
    };
    const io = redactingIo(given);
    io.stdout.write('downloaded from https://a:b@h/x\n');
    io.stderr.write('warning: https://c:d@h/y failed\n');
    expect(out).toBe('downloaded from https://***@h/x\n');
    expect(err).toBe('warning: https://***@h/y failed\n');
    expect(io.stdout.isTTY).toBe(true);
    expect(io.stderr.isTTY).toBeUndefined();
  });
});
