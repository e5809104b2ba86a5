import type { ApiSchema } from '@proxmox-openapi/core';

/**
 * Indexed parameters: the apidoc declares `net[n]`, `scsi[n]`, `link[n]` once and the API accepts
 * `net0`, `net1`, …. The diff treats the family as one parameter whose range is part of its
 * schema. The range is read from the description only ("n is 0 to 30", "link0..link7", "n can be
 * up to 14"): the product limits that the generator falls back to are the same on both sides of
 * a diff, so they can never show a change, and a range the schema does not state is not
 * reported. (Stages may not import each other, so this reader does not come from spec-generate.)
 */

/** An indexed family's stated range of indexes. */
export interface IndexRange {
  min: number;
  max: number;
}

const INDEXED_NAME = /^(.+)\[n\]$/;

/** The family name of an indexed parameter (`net` for `net[n]`), or `undefined`. */
export function indexedBase(name: string): string | undefined {
  return INDEXED_NAME.exec(name)?.[1];
}

/** The range that an indexed parameter's description states, or `undefined`. */
export function readIndexRange(name: string, schema: ApiSchema | undefined): IndexRange | undefined {
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
  return highs.length > 0 ? { min, max: Math.max(...highs) } : undefined;
}
