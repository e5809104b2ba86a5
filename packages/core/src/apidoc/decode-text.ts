import { isUtf8 } from 'node:buffer';
import { ParseError, positionAt } from '../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Turns input bytes into text: strict UTF-8 (a replacement character would silently change
 * the schema), with the byte offset of the first invalid sequence named in the error.
 */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  if (isUtf8(bytes)) return decoder.decode(bytes);
  const bad = firstInvalidUtf8(bytes);
  const before = decoder.decode(bytes.subarray(0, bad));
  throw new ParseError(
    `${source}: invalid UTF-8 at byte ${bad} (the apidoc must be UTF-8 text)`,
    positionAt(before, before.length),
  );
}

/** Removes a leading UTF-8 byte order mark, which some editors and servers add. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let length: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + length > bytes.length) return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k] as number;
      if ((next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return bytes.length;
}
