/**
 * Scanners over JSON text that never build values and never recurse: they cut the
 * `apiSchema` array out of a larger JavaScript file, find the exact place of a syntax error
 * (V8's JSON.parse messages often have no position), and find where a value sits in the text
 * so that a shape error can name its line and column.
 */

/** How deep arrays and objects may nest; the real schemas reach 25, downstream code recurses. */
export const MAX_NESTING = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** A scan failure: what was wrong and the offset in the text where it was found. */
export interface ScanFailure {
  offset: number;
  message: string;
}

/** The result of cutting an array: the offset just past its closing `]`, or why it cannot be cut. */
export type CutResult = { end: number } | { failure: ScanFailure };

/**
 * Finds the end of the string that starts at `start` (a `"`), returning the offset of its
 * closing quote, or -1 when the text ends first. Uses indexOf so that long descriptions cost
 * little; a quote counts as closing when an even number of backslashes precede it.
 */
export function endOfString(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let i = quote - 1; i > start && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/**
 * Cuts the bracketed value that starts at `start` (a `[`): skips JSON strings (so brackets and
 * quotes inside them do not count), checks that closers match their openers, and stops at the
 * matching `]`, so that whatever JavaScript follows is never looked at.
 */
export function cutBracketed(text: string, start: number, maxNesting = MAX_NESTING): CutResult {
  const closers: number[] = [];
  const openers: number[] = [];
  // Jumping from one structural character to the next with a regex is about twice as fast as
  // a loop over every character of the indentation.
  const structural = /["[\]{}]/g;
  structural.lastIndex = start;
  for (let match = structural.exec(text); match !== null; match = structural.exec(text)) {
    const i = match.index;
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = endOfString(text, i);
      if (end < 0)
        return { failure: { offset: i, message: 'a string that is never closed (is the file truncated?)' } };
      structural.lastIndex = end + 1;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (closers.length >= maxNesting) {
        return {
          failure: { offset: i, message: `arrays and objects nested deeper than ${maxNesting} levels` },
        };
      }
      closers.push(c === OPEN_ARRAY ? CLOSE_ARRAY : CLOSE_OBJECT);
      openers.push(i);
    } else {
      const expected = closers.pop();
      openers.pop();
      if (expected !== c) {
        const want = expected === undefined ? 'nothing' : `'${String.fromCharCode(expected)}'`;
        return { failure: { offset: i, message: `'${String.fromCharCode(c)}' where ${want} closes` } };
      }
      if (closers.length === 0) return { end: i + 1 };
    }
  }
  const open = openers[openers.length - 1] ?? start;
  return {
    failure: {
      offset: open,
      message: `the ${text.charCodeAt(open) === OPEN_OBJECT ? 'object' : 'array'} opened here is never closed (is the file truncated?)`,
    },
  };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function describeChar(text: string, offset: number, end: number): string {
  if (offset >= end) return 'the end of the array';
  const c = text[offset] as string;
  if (c === '(' || c === '`' || c === "'" || c === '+' || /[A-Za-z_$]/.test(c)) {
    return `'${c}' (JavaScript, not JSON: an expression is never evaluated)`;
  }
  return JSON.stringify(c);
}

/**
 * Checks that `text[start, end)` is exactly one JSON value and returns the first syntax error
 * with its offset, or undefined. A state machine with an explicit stack: only used after
 * JSON.parse failed, to say where.
 */
export function findJsonSyntaxError(text: string, start: number, end: number): ScanFailure | undefined {
  // What the scanner expects next.
  type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'done';
  const stack: number[] = [];
  let expect: Expect = 'value';
  let i = start;
  const fail = (offset: number, what: string): ScanFailure => ({
    offset,
    message: `expected ${what} but found ${describeChar(text, offset, end)}`,
  });
  const afterValue = (): Expect => (stack.length === 0 ? 'done' : 'comma-or-close');

  while (i <= end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i >= end) {
      return expect === 'done' ? undefined : fail(i, expect === 'colon' ? "':'" : 'more JSON');
    }
    const c = text.charCodeAt(i);
    switch (expect) {
      case 'done':
        return fail(i, 'nothing more');
      case 'colon':
        if (c !== 0x3a) return fail(i, "':'");
        expect = 'value';
        i++;
        continue;
      case 'comma-or-close': {
        const closer = stack[stack.length - 1];
        if (c === 0x2c) {
          expect = closer === CLOSE_OBJECT ? 'key' : 'value';
          i++;
          continue;
        }
        if (c === closer) {
          stack.pop();
          expect = afterValue();
          i++;
          continue;
        }
        return fail(i, `',' or '${String.fromCharCode(closer ?? CLOSE_ARRAY)}'`);
      }
      case 'key':
      case 'key-or-close': {
        if (expect === 'key-or-close' && c === CLOSE_OBJECT) {
          stack.pop();
          expect = afterValue();
          i++;
          continue;
        }
        if (c !== QUOTE) return fail(i, 'a quoted property name');
        const failure = checkString(text, i, end);
        if (typeof failure !== 'number') return failure;
        i = failure + 1;
        expect = 'colon';
        continue;
      }
      default: {
        // 'value' or 'value-or-close'
        if (expect === 'value-or-close' && c === CLOSE_ARRAY) {
          stack.pop();
          expect = afterValue();
          i++;
          continue;
        }
        if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
          if (stack.length >= MAX_NESTING) {
            return { offset: i, message: `arrays and objects nested deeper than ${MAX_NESTING} levels` };
          }
          stack.push(c === OPEN_ARRAY ? CLOSE_ARRAY : CLOSE_OBJECT);
          expect = c === OPEN_ARRAY ? 'value-or-close' : 'key-or-close';
          i++;
          continue;
        }
        if (c === QUOTE) {
          const failure = checkString(text, i, end);
          if (typeof failure !== 'number') return failure;
          i = failure + 1;
          expect = afterValue();
          continue;
        }
        const literal = ['true', 'false', 'null'].find(
          (word) => i + word.length <= end && text.startsWith(word, i),
        );
        if (literal) {
          i += literal.length;
          expect = afterValue();
          continue;
        }
        NUMBER.lastIndex = i;
        if (NUMBER.test(text) && NUMBER.lastIndex <= end) {
          i = NUMBER.lastIndex;
          expect = afterValue();
          continue;
        }
        return fail(i, 'a JSON value');
      }
    }
  }
  return undefined;
}

/** Checks one JSON string; returns the offset of its closing quote or the failure. */
function checkString(text: string, start: number, end: number): number | ScanFailure {
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c < 0x20) {
      return {
        offset: i,
        message: `a control character (U+${c.toString(16).padStart(4, '0').toUpperCase()}) inside a string (is the string never closed?)`,
      };
    }
    if (c === BACKSLASH) {
      const next = text[i + 1] ?? '';
      if (next === 'u') {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return { offset: i, message: 'a \\u escape without four hex digits' };
        i += 5;
      } else if (SIMPLE_ESCAPES.has(next)) {
        i++;
      } else {
        return { offset: i, message: `an invalid escape '\\${next}' inside a string` };
      }
    }
  }
  return { offset: start, message: 'a string that is never closed (is the file truncated?)' };
}

/** One step of a path into a JSON value: an array index or an object key. */
export type JsonPathStep = number | string;

/**
 * Finds the offset where the value at `path` starts, scanning the text of the (valid) JSON
 * value at `start`. Used only to give a shape error its line and column. Returns the offset of
 * the deepest value it could reach, so a message always points somewhere sensible.
 */
export function locateJsonValue(text: string, start: number, path: readonly JsonPathStep[]): number {
  let at = skipSpace(text, start);
  for (const step of path) {
    const c = text.charCodeAt(at);
    if (typeof step === 'number' && c === OPEN_ARRAY) {
      let i = skipSpace(text, at + 1);
      for (let n = 0; n < step; n++) {
        i = skipSpace(text, skipValue(text, i));
        if (text.charCodeAt(i) !== 0x2c) return at;
        i = skipSpace(text, i + 1);
      }
      at = i;
    } else if (typeof step === 'string' && c === OPEN_OBJECT) {
      // JSON.parse keeps the last of duplicate keys, so keep scanning to the last match.
      let found = -1;
      let i = skipSpace(text, at + 1);
      while (text.charCodeAt(i) === QUOTE) {
        const keyEnd = endOfString(text, i);
        if (keyEnd < 0) break;
        const key = JSON.parse(text.slice(i, keyEnd + 1)) as string;
        i = skipSpace(text, keyEnd + 1);
        if (text.charCodeAt(i) !== 0x3a) break;
        i = skipSpace(text, i + 1);
        if (key === step) found = i;
        i = skipSpace(text, skipValue(text, i));
        if (text.charCodeAt(i) !== 0x2c) break;
        i = skipSpace(text, i + 1);
      }
      if (found < 0) return at;
      at = found;
    } else {
      return at;
    }
  }
  return at;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The offset just past the JSON value at `i`. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) {
    const end = endOfString(text, i);
    return end < 0 ? text.length : end + 1;
  }
  if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
    const cut = cutBracketedAny(text, i);
    return cut;
  }
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 0x2c || d === CLOSE_ARRAY || d === CLOSE_OBJECT || isSpace(d)) break;
    j++;
  }
  return j;
}

/** Like cutBracketed for an array or an object, without a nesting limit (the text is valid). */
function cutBracketedAny(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = endOfString(text, i);
      if (end < 0) return text.length;
      i = end;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth++;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}
