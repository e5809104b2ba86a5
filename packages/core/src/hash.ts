import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { TEXT_PIECE_UNITS, textPieces } from './text-pieces.js';

/** The hex sha256 of a text (as UTF-8) or of bytes; a large text is fed in pieces (see textPieces). */
export function sha256(data: string | Uint8Array): string {
  const hash = createHash('sha256');
  if (typeof data === 'string' && data.length > TEXT_PIECE_UNITS) {
    for (const piece of textPieces(data)) hash.update(piece);
  } else {
    hash.update(data);
  }
  return hash.digest('hex');
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

/**
 * The hex sha256 of a file's bytes, read in 64 KiB chunks: a file hashed and not otherwise
 * needed is never held whole (see textPieces for why large native buffers are avoided).
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}
