import { describe, expect, it } from 'vitest';
import { translatePattern } from './pattern.js';
import { FIXTURES, loadFixture } from './test-support/fixtures.js';

function perl(source: string): RegExp {
  const result = translatePattern(source, 'perl');
  if (!result.ok) throw new Error(result.reason);
  return new RegExp(result.pattern, 'u');
}

function rust(source: string): RegExp {
  const result = translatePattern(source, 'rust-literal');
  if (!result.ok) throw new Error(result.reason);
  return new RegExp(result.pattern, 'u');
}

describe('Perl patterns (PVE)', () => {
  it('anchors the whole value, as PVE matches m/^$pattern$/', () => {
    const re = perl('[a-z]+');
    expect(re.test('abc')).toBe(true);
    expect(re.test('abc1')).toBe(false);
    expect(re.test('1abc')).toBe(false);
  });

  it('pastes the anchors as Perl does: a top-level alternation is anchored at its ends only', () => {
    // PVE 8/9: the lpt device of a parallel port passthrough; `^/dev/parport\d+|/dev/usb/lp\d+$`.
    const lpt = perl('/dev/parport\\d+|/dev/usb/lp\\d+');
    expect(lpt.test('/dev/parport0')).toBe(true);
    expect(lpt.test('/dev/usb/lp1')).toBe(true);
    // What the server accepts, the client must too: a prefix of the first, a suffix of the last.
    expect(lpt.test('/dev/parport0-and-more')).toBe(true);
    expect(lpt.test('/x/dev/usb/lp1')).toBe(true);
    expect(lpt.test('/dev/usb/lp1x')).toBe(false);
    // The PCI id-or-mapping path parameter (PVE 8.2+): a mapping name matches anywhere after a start.
    const pci = perl(
      '(?:(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-9a-fA-F])|([a-zA-Z][a-zA-Z0-9_-]+)',
    );
    expect(pci.test('0000:01:00.0')).toBe(true);
    expect(pci.test('01:00.0 anything')).toBe(true);
    expect(pci.test('gpu-mapping')).toBe(true);
  });

  it('reads `.` as Perl does: anything but a newline, carriage return included', () => {
    const re = perl('a.b');
    expect(re.test('a\rb')).toBe(true);
    expect(re.test('a\u2028b')).toBe(true);
    expect(re.test('a\nb')).toBe(false);
  });

  it('turns (?^:…) into a plain group', () => {
    const re = perl('(?^:^(\\d+)\\-(\\d+(\\.\\d+)*)$)');
    expect(re.test('1-2.3')).toBe(true);
    expect(re.test('1-')).toBe(false);
  });

  it('expands (?^i:…) into both cases, in classes and outside', () => {
    const re = perl('(?^i:[a-z0-9_][a-z0-9_\\-\\+\\.]*)(?:;(?^i:abc))?');
    expect(re.test('Foo-Bar')).toBe(true);
    expect(re.test('foo;ABC')).toBe(true);
    expect(re.test('foo;ABD')).toBe(false);
    // The case change ends with its group.
    expect(perl('(?^i:a)b').test('AB')).toBe(false);
    expect(perl('(?^i:a)b').test('Ab')).toBe(true);
  });

  it('keeps a class range that spans both cases under (?^i:…)', () => {
    const re = perl('(?^i:[\\(\\)-_.\\w\\d\\s]{0,256})');
    expect(re.test('a(b)_c.Z')).toBe(true);
    expect(re.test('a|b')).toBe(false);
  });

  it('translates \\A and \\z', () => {
    const re = perl('\\Afoo\\z');
    expect(re.test('foo')).toBe(true);
    expect(re.test('foo\n')).toBe(false);
  });

  it('drops escapes that the u flag rejects but keeps their meaning', () => {
    const re = perl('[A-Za-z][A-Za-z0-9\\-\\_]+\\@x');
    expect(re.test('a-_b@x')).toBe(true);
    expect(re.test('a b@x')).toBe(false);
  });

  it('reads {,n} as at most n (Perl 5.34+)', () => {
    const re = perl('[A-Za-z]{,3}');
    expect(re.test('')).toBe(true);
    expect(re.test('abc')).toBe(true);
    expect(re.test('abcd')).toBe(false);
  });

  it('emulates an atomic group exactly', () => {
    const re = perl('(?^:^((?>[+-]?[\\w\\-\\._=]+,?)+)$)');
    expect(re.test('+a,-b=1,c')).toBe(true);
    expect(re.test('a,,b')).toBe(false);
    // (?>a+)a can never match: the atomic group keeps every a.
    expect(perl('(?>a+)a').test('aaa')).toBe(false);
  });

  it('keeps octal and hex escapes (\\0 as NUL)', () => {
    const re = perl(
      '(?^:(?:\\w+=[^\\x00-\\x08\\x10-\\x1F\\x7F]*)(?:\\0\\w+=[^\\x00-\\x08\\x10-\\x1F\\x7F]*)*)',
    );
    expect(re.test('a=1\u0000b=2')).toBe(true);
    expect(re.test('a=\u0001')).toBe(false);
  });

  it('treats a brace that starts no quantifier as a literal', () => {
    expect(perl('a{b}').test('a{b}')).toBe(true);
    expect(perl('a{2}').test('aa')).toBe(true);
  });

  it('reports what it cannot translate instead of guessing', () => {
    expect(translatePattern('a++', 'perl')).toMatchObject({ ok: false });
    expect(translatePattern('\\Gfoo', 'perl')).toMatchObject({ ok: false });
    expect(translatePattern('(?|a|b)', 'perl')).toMatchObject({ ok: false });
    expect(translatePattern('[[:nonsense:]]', 'perl')).toMatchObject({ ok: false });
  });
});

describe('Rust regex literals (PBS)', () => {
  it('removes the /…/ delimiters and does not add anchors', () => {
    const result = translatePattern('/^[a-f0-9]{64}$/', 'rust-literal');
    expect(result).toEqual({ ok: true, pattern: '^[a-f0-9]{64}$' });
    expect(rust('/abc/').test('xabcx')).toBe(true);
  });

  it('translates POSIX classes, negated ones included', () => {
    const re = rust('/^(?:[^\\s:/[:cntrl:]]+)$/');
    expect(re.test('user')).toBe(true);
    expect(re.test('us er')).toBe(false);
    expect(re.test('us\u0007er')).toBe(false);
    const printable = rust('/^[[:^cntrl:]]*$/');
    expect(printable.test('any text, ÄÖ')).toBe(true);
    expect(printable.test('tab\there')).toBe(false);
  });

  it('translates a negated POSIX class mixed with other members', () => {
    const re = rust('/^[a[:^alpha:]]+$/');
    expect(re.test('a1-')).toBe(true);
    expect(re.test('ab')).toBe(false);
    const inverse = rust('/^[^a[:^alpha:]]+$/');
    expect(inverse.test('bcd')).toBe(true);
    expect(inverse.test('abc')).toBe(false);
    expect(inverse.test('b1')).toBe(false);
  });

  it('renames (?P<name>…) groups', () => {
    const re = rust('/^UPID:(?P<node>[a-z]+):(?P<pid>[0-9A-F]{8}):$/');
    expect(re.exec('UPID:pve:0000ABCD:')?.groups?.node).toBe('pve');
  });

  it('turns (?m) into line anchors', () => {
    const re = rust('/(?m)^([[:^cntrl:]]*)$/');
    expect(re.test('line one\nline two')).toBe(true);
    expect(rust('/(?m)^abc$/').test('x\nabc\ny')).toBe(true);
    expect(rust('/^abc$/').test('x\nabc\ny')).toBe(false);
  });
});

describe('every pattern of the real fixtures', () => {
  it.each(FIXTURES.map((f) => [f.file, f.api]))('translates all of %s to u-flag patterns', (file, api) => {
    const patterns = new Set<string>();
    JSON.stringify(loadFixture(file), (key, value) => {
      if (key === 'pattern' && typeof value === 'string') patterns.add(value);
      return value;
    });
    expect(patterns.size).toBeGreaterThan(30);
    for (const source of patterns) {
      const result = translatePattern(source, api === 'pve' ? 'perl' : 'rust-literal');
      expect(result, source).toMatchObject({ ok: true });
      if (result.ok) {
        expect(() => new RegExp(result.pattern, 'u')).not.toThrow();
        expect(result.pattern).not.toMatch(/\(\?\^|\(\?P<|\[:\^?[a-z]+:\]|\\A|\\z/);
      }
    }
  });
});
