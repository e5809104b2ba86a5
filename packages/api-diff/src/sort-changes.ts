import { APIDOC_METHODS } from '@proxmox-openapi/core';
import { canonicalJson } from './normalize.js';
import { type ApiChange, CHANGE_LEVELS } from './types.js';

/** Code-point order: the same on every machine and locale (unlike `localeCompare`). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The contract's order: level (breaking, warning, info), path, method (GET, POST, PUT, DELETE),
 * rule, location, then the old and new values so that no two different changes tie.
 */
export function compareChanges(a: ApiChange, b: ApiChange): number {
  return (
    CHANGE_LEVELS.indexOf(a.level) - CHANGE_LEVELS.indexOf(b.level) ||
    compareText(a.operation.path, b.operation.path) ||
    APIDOC_METHODS.indexOf(a.operation.method) - APIDOC_METHODS.indexOf(b.operation.method) ||
    compareText(a.rule, b.rule) ||
    compareText(a.location, b.location) ||
    compareText(canonicalJson(a.old), canonicalJson(b.old)) ||
    compareText(canonicalJson(a.new), canonicalJson(b.new))
  );
}

/** A sorted copy. */
export function sortChanges(changes: readonly ApiChange[]): ApiChange[] {
  return [...changes].sort(compareChanges);
}
