import { describe, expect, it } from 'vitest';
import { readApidocFlag, readApidocNumber } from './values.js';

describe("the apidoc's dirty scalars", () => {
  it('reads every spelling of a flag the dumpers write, and nothing else', () => {
    for (const yes of [1, '1', true, 'true', ' Yes ', 'on']) expect(readApidocFlag(yes)).toBe(true);
    for (const no of [0, '0', false, 'false', 'no', 'off', '']) expect(readApidocFlag(no)).toBe(false);
    for (const neither of [undefined, null, 'maybe', {}, []]) expect(readApidocFlag(neither)).toBeUndefined();
  });

  it('reads numbers and numeric strings, never NaN or Infinity', () => {
    expect(readApidocNumber(' 42 ')).toBe(42);
    expect(readApidocNumber(-1.5)).toBe(-1.5);
    for (const neither of ['', 'x', Number.NaN, Number.POSITIVE_INFINITY, '1e999', null, true])
      expect(readApidocNumber(neither)).toBeUndefined();
  });
});
