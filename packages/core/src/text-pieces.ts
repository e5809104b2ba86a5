/**
 * How many UTF-16 units a piece of a large text holds: at most 96 KiB once encoded as UTF-8,
 * under the 128 KiB from which glibc's malloc maps a block of its own.
 */
export const TEXT_PIECE_UNITS = 32 * 1024;

/**
 * A large text in pieces of at most `units` UTF-16 units, never cut between the two halves of a
 * surrogate pair, so that the pieces encode to exactly the bytes of the whole.
 *
 * Why pieces: Node turns a string it hashes or writes into one native buffer of its whole
 * UTF-8 size. Buffers of a few MiB, made and freed for every document, are what kept a worker's
 * memory high after its heap had shrunk: once such a block is freed, malloc serves the next
 * ones from its own heaps (its mmap threshold rises to the freed size) and keeps what they
 * leave. Pieces stay small, and their memory is reused from piece to piece.
 */
export function* textPieces(text: string, units = TEXT_PIECE_UNITS): Generator<string> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + units, text.length);
    const last = text.charCodeAt(end - 1);
    // A high surrogate at the cut goes with its low half into the next piece.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff && end - 1 > start) end -= 1;
    yield text.slice(start, end);
    start = end;
  }
}
