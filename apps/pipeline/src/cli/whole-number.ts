import { UsageError } from '@proxmox-openapi/core';

/**
 * An option's value as a whole number of at least `min` (`--retries 3`), or undefined when the
 * option was not given.
 * @throws UsageError naming the option and the value when it is not one.
 */
export function wholeNumber(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min) {
    throw new UsageError(`${flag} needs a whole number of at least ${min}, not ${JSON.stringify(value)}`);
  }
  return n;
}
