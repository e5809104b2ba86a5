import { describe, expect, it } from 'vitest';
import { contentKey, sha256 } from './hash.js';

describe('hashing', () => {
  it('computes the standard sha256', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256(Buffer.from('abc'))).toBe(sha256('abc'));
  });

  it('keeps part boundaries in content keys', () => {
    expect(contentKey(['ab', 'c'])).not.toBe(contentKey(['a', 'bc']));
    expect(contentKey(['a', 'b'])).toBe(contentKey(['a', Buffer.from('b')]));
  });
});
