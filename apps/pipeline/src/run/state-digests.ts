import { sha256 } from '@proxmox-openapi/core';
import type { TargetState } from './stages.js';

/** The large inputs of a target whose sha256 several stages' keys name. */
export type DigestName = 'snapshot' | 'document' | 'json' | 'yaml';

/**
 * Records the sha256 of one of a target's large texts when a stage produces it. Keys name the
 * digest, not the text: a text can then be let go as soon as no stage reads it any more (a
 * document held as a string costs two bytes a character once it has one character outside
 * Latin-1, and PDM's JSON, YAML and compact document came to 35 MiB of strings).
 */
export function recordDigest(state: TargetState, name: DigestName, bytes: string | Uint8Array): string {
  const digest = sha256(bytes);
  state.digests[name] = digest;
  return digest;
}

/** The digest a key needs; an earlier stage must have recorded it. */
export function digestOf(state: TargetState, name: DigestName): string {
  const digest = state.digests[name];
  if (digest === undefined) throw new Error(`internal: the ${name} digest is not available yet`);
  return digest;
}
