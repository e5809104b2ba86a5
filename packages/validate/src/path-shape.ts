import { pointer } from './json-pointer.js';
import { isObject, type Json } from './openapi-document.js';
import type { Finding } from './types.js';

/**
 * A path is "doubled" when a run of its segments repeats right after itself: what a generator
 * produces when it joins a node's absolute path to its parent's (`/cluster` + `/cluster/replication`
 * → `/cluster/cluster/replication`). No real Proxmox path has that shape (checked on every fixture),
 * while public validators accept it without a word.
 */

/** The path without its doubled run when it is doubled (`/cluster/replication`), otherwise undefined. */
export function undoublePath(path: string): string | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  for (let length = 1; length * 2 <= segments.length; length++) {
    for (let start = 0; start + length * 2 <= segments.length; start++) {
      let same = true;
      for (let i = 0; i < length && same; i++) same = segments[start + i] === segments[start + length + i];
      if (same) {
        const kept = [...segments.slice(0, start + length), ...segments.slice(start + length * 2)];
        return `/${kept.join('/')}`;
      }
    }
  }
  return undefined;
}

/** Reports every doubled path of a document (needs no apidoc: no real path has that shape). */
export function checkDoubledPaths(document: object): Finding[] {
  const paths = (document as Json).paths;
  if (!isObject(paths)) return [];
  const findings: Finding[] = [];
  for (const path of Object.keys(paths)) {
    const undoubled = undoublePath(path);
    if (undoubled === undefined) continue;
    findings.push({
      severity: 'error',
      rule: 'path-doubled',
      message: `path ${path} repeats a run of segments, as a parent's path joined to its child's absolute path does (meant: ${undoubled}?)`,
      pointer: pointer('paths', path),
    });
  }
  return findings;
}
