import type { ApiSchema } from '../api-tree.js';

/*
 * Indexed parameters: the apidoc declares `net[n]`, `scsi[n]`, `link[n]` once, and the API
 * accepts `net0`, `net1`, …. The generator expands a family to its real names and the diff
 * compares its range; both read the range the description states the same way, here.
 */

/** The range of indexes an indexed parameter's description states. */
export interface StatedIndexRange {
  /** The family name: `net` for `net[n]`. */
  base: string;
  min: number;
  max: number;
}

const INDEXED_NAME = /^(.+)\[n\]$/;

/** The family name of an indexed parameter (`net` for `net[n]`), or `undefined` for another name. */
export function indexedBase(name: string): string | undefined {
  return INDEXED_NAME.exec(name)?.[1];
}

/**
 * The range an indexed parameter's description (or verbose description) states: "n is 0 to 30",
 * "link0..link7", "n can be up to 14". `undefined` for a name that is not indexed, or a
 * description that states no range (what to assume then is the caller's decision).
 */
export function statedIndexRange(name: string, schema: ApiSchema | undefined): StatedIndexRange | undefined {
  const base = indexedBase(name);
  if (base === undefined) return undefined;
  const text = [schema?.description, schema?.verbose_description]
    .filter((t): t is string => typeof t === 'string')
    .join('\n');
  let min = 0;
  const highs: number[] = [];
  for (const m of text.matchAll(/\bn is (\d+) to (\d+)/g)) {
    min = Math.min(min, Number(m[1]));
    highs.push(Number(m[2]));
  }
  for (const m of text.matchAll(/\bn can be up to (\d+)/g)) highs.push(Number(m[1]));
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const m of text.matchAll(new RegExp(`\\b${escaped}(\\d+)\\s*\\.\\.\\.?\\s*${escaped}(\\d+)`, 'g'))) {
    min = Math.min(min, Number(m[1]));
    highs.push(Number(m[2]));
  }
  return highs.length > 0 ? { base, min, max: Math.max(...highs) } : undefined;
}
