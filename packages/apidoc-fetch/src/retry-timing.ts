/**
 * How long to wait before the next attempt: exponential backoff with jitter, so that many
 * clients failing together do not come back together.
 * @param attempt the attempt that just failed (1-based)
 * @param random a number in [0, 1), injectable for tests
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: number = Math.random(),
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  // "Equal jitter": at least half the exponential delay, so backoff still grows.
  return Math.round(exponential / 2 + (exponential / 2) * random);
}

/**
 * Reads a `Retry-After` header: delay seconds or an HTTP date. Returns milliseconds, or
 * undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its month; without this, Date.parse would read "-5" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
