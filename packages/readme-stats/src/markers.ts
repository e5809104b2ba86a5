import { InputError } from '@proxmox-openapi/core';

/** The comment that opens the generated part of a README. */
export const STATS_START = '<!-- proxmox-openapi:stats:start -->';
/** The comment that closes it. */
export const STATS_END = '<!-- proxmox-openapi:stats:end -->';

function allIndexes(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) found.push(i);
  return found;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Where the generated part sits: the offsets just after the start marker and at the end marker.
 * @throws InputError when the pair is missing, incomplete, doubled or in the wrong order: a
 *   README is never appended to silently.
 */
export function findMarkers(text: string): { from: number; to: number } {
  const starts = allIndexes(text, STATS_START);
  const ends = allIndexes(text, STATS_END);
  const pair = `${STATS_START} … ${STATS_END}`;
  if (starts.length === 0 && ends.length === 0) {
    throw new InputError(`the README has no stats markers: add the pair ${pair} where the statistics belong`);
  }
  if (starts.length !== 1 || ends.length !== 1) {
    const where = [...starts, ...ends]
      .sort((a, b) => a - b)
      .map((i) => lineOf(text, i))
      .join(', ');
    throw new InputError(
      `the README needs exactly one ${STATS_START} and one ${STATS_END}, found ${starts.length} and ${ends.length} (lines ${where})`,
    );
  }
  const start = starts[0] as number;
  const end = ends[0] as number;
  if (end < start) {
    throw new InputError(
      `the README's ${STATS_END} (line ${lineOf(text, end)}) comes before ${STATS_START} (line ${lineOf(text, start)})`,
    );
  }
  return { from: start + STATS_START.length, to: end };
}
