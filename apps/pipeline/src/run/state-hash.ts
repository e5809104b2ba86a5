import { sha256 } from '@proxmox-openapi/core';
import type { TargetState } from './stages.js';

/**
 * The sha256 of one of a target's large texts (the snapshot, the JSON, the YAML), computed once
 * per target: several stages' keys name the same text, and each hash of a 4 MB text costs about
 * 10 ms.
 */
export function hashOf(state: TargetState, text: string): string {
  state.hashes ??= new Map();
  let hash = state.hashes.get(text);
  if (hash === undefined) {
    hash = sha256(text);
    state.hashes.set(text, hash);
  }
  return hash;
}
