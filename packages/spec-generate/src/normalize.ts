/**
 * Normalization of the apidoc's dirty values. The Perl and Rust schema dumpers write some values
 * in a form that differs from what the schema's `type` says: numbers as strings (`"1"`), boolean
 * defaults as `0`/`1`, `optional: "1"`, `additionalProperties: 0`, `enum: null`. Each helper turns
 * one value into what its keyword expects, or `undefined` when nothing meaningful is left.
 */

import { readApidocFlag, readApidocNumber } from '@proxmox-openapi/core';

/** A Proxmox flag as a boolean (core's reader, shared with the diff). */
export const toFlag = readApidocFlag;

/** A number written as a number or a numeric string (core's reader, shared with the diff). */
export const toNumber = readApidocNumber;

/** A non-negative integer for length keywords (`minLength`, `maxLength`, …). */
export function toLength(value: unknown): number | undefined {
  const parsed = toNumber(value);
  return parsed !== undefined && Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

/**
 * A value (a `default` or an `enum` member) converted to the schema's type, so that the document
 * does not contradict itself: a boolean default `0` becomes `false`, an integer default `"1"`
 * becomes `1`, a string default `8` becomes `"8"`. Values that cannot be converted are dropped.
 */
export function toTypedValue(value: unknown, type: string | undefined): unknown {
  if (value === undefined || value === null) return undefined;
  switch (type) {
    case 'boolean':
      return toFlag(value);
    case 'integer': {
      const parsed = toNumber(value);
      return parsed !== undefined && Number.isInteger(parsed) ? parsed : undefined;
    }
    case 'number':
      return toNumber(value);
    case 'string':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : undefined;
    default:
      return value;
  }
}

/** An `enum` as a list of typed, unique values; `undefined` for `enum: null` or an empty list. */
export function toEnum(value: unknown, type: string | undefined): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: unknown[] = [];
  for (const member of value) {
    const typed = toTypedValue(member, type);
    if (typed !== undefined && !out.includes(typed)) out.push(typed);
  }
  return out.length > 0 ? out : undefined;
}

const EXTENSION_NAMES = new Map<string, string>();

/** A Proxmox keyword name as the suffix of an `x-proxmox-*` extension (`default_key` → `default-key`). */
export function extensionName(keyword: string): string {
  let name = EXTENSION_NAMES.get(keyword);
  if (name === undefined) {
    name = `x-proxmox-${keyword
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/[_\s]+/g, '-')
      .toLowerCase()}`;
    // Keywords come from the input; only the usual few are worth remembering.
    if (EXTENSION_NAMES.size < 1000) EXTENSION_NAMES.set(keyword, name);
  }
  return name;
}
