import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';
import { sha256, sha256File } from './hash.js';
import { TEXT_PIECE_UNITS, textPieces } from './text-pieces.js';

/** A text of `units` UTF-16 units with an astral character (two units) across every cut. */
function textWithPairsAtTheCuts(units: number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i++) text += `${'a'.repeat(units - 1)}😀`;
  return text;
}

describe('textPieces', () => {
  it('cuts a large text into pieces that join to it, never between the halves of a pair', () => {
    const text = textWithPairsAtTheCuts(1000, 5);
    const pieces = [...textPieces(text, 1000)];
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(1000);
      // Each piece encodes on its own to the bytes it stands for: no U+FFFD from a cut pair.
      expect(Buffer.from(piece, 'utf8').toString('utf8')).toBe(piece);
    }
    expect(pieces.reduce((sum, p) => sum + Buffer.byteLength(p, 'utf8'), 0)).toBe(Buffer.byteLength(text));
  });

  it('keeps a lone surrogate as the whole text has it', () => {
    const text = `${'a'.repeat(9)}\ud83dzz${'b'.repeat(20)}`;
    const bytes = Buffer.concat([...textPieces(text, 10)].map((p) => Buffer.from(p, 'utf8')));
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('gives one piece for a short text and none for an empty one', () => {
    expect([...textPieces('abc')]).toEqual(['abc']);
    expect([...textPieces('')]).toEqual([]);
  });
});

describe('large texts hashed and written in pieces', () => {
  const text = textWithPairsAtTheCuts(TEXT_PIECE_UNITS, 4);

  it('hashes a large text to the sha256 of its UTF-8 bytes', () => {
    expect(text.length).toBeGreaterThan(TEXT_PIECE_UNITS);
    expect(sha256(text)).toBe(sha256(Buffer.from(text, 'utf8')));
  });

  it('writes a large text byte for byte, and hashes a file like its bytes', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'text-pieces-')), 'large.txt');
    await writeFileAtomic(file, text);
    const written = await readFile(file);
    expect(written.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(await sha256File(file)).toBe(sha256(written));
    await writeFile(file, '');
    expect(await sha256File(file)).toBe(sha256(''));
  });

  it('names the file it cannot hash', async () => {
    const missing = join(tmpdir(), 'text-pieces-missing', 'none.txt');
    await expect(sha256File(missing)).rejects.toThrow(missing);
  });
});
