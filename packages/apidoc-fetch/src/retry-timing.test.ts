import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './retry-timing.js';

describe('backoffDelay', () => {
  it('doubles per attempt, between half and all of the exponential delay', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 100, 10_000, 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 100, 10_000, 0.999999))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(30, 500, 10_000, 0.999999)).toBe(10_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-08-16T10:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Sun, 16 Aug 2026 10:00:30 GMT', 30_000],
    ['Sun, 16 Aug 2026 09:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    [undefined, undefined],
  ])('reads %j as %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
