/*
 * The apidoc's dirty scalars, read one way for every stage. The Perl and Rust schema dumpers
 * write a flag as `1`, `"1"`, `true` or `"yes"`, and a number as a number or a numeric string:
 * the generator and the diff must agree on what each means, or a change the diff reports would
 * not be one in the published document (or the reverse).
 */

/** A Proxmox flag (`1`, `"1"`, `true`, `"true"`, `"yes"`, `"on"` and their negatives) as a boolean; `undefined` when absent or unreadable. */
export function readApidocFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off', ''].includes(text)) return false;
  }
  return undefined;
}

/** A number written as a number or a numeric string; `undefined` for anything else. */
export function readApidocNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}
