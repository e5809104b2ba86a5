import { createHash } from 'node:crypto';

/** The hex sha256 of a text (as UTF-8) or of bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A content key over several parts (stage inputs, versions): each part is length-prefixed so
 * that `["ab", "c"]` and `["a", "bc"]` never share a key.
 */
export function contentKey(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}
