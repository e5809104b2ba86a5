import { ParseError, positionAt } from '../errors.js';
import { decodeUtf8, stripBom } from './decode-text.js';
import { cutBracketed, findJsonSyntaxError } from './json-scan.js';

/** How the array was found: a bare JSON array, or inside `const|var|let apiSchema = [ … ]` (or `pveapi`, …). */
export type ApidocFraming = 'json' | 'const' | 'var' | 'let';

/** The array of an apidoc, as JSON.parse made it, with where it was found. */
export interface ExtractedArray {
  /** The input as text (UTF-8 decoded, byte order mark removed). */
  text: string;
  value: unknown[];
  framing: ApidocFraming;
  /** Offsets of the array literal in `text`: `[` at `start`, `]` just before `end`. */
  start: number;
  end: number;
}

// The declaration may follow anything that ends a statement or a comment; `apiSchema` must be
// the declared name (not `window.apiSchema`, not `myapiSchema`). Viewers before the 7.x
// generation declared the array under the product's name (`var pveapi = [` in pve-docs 6.x,
// `var pmgapi = [` in older pmg-docs), so `<product>api` is read as well.
const DECLARATION = /(?:^|[^\w$.])(const|var|let)\s+(?:apiSchema|[a-z]{2,4}api)\s*=\s*/g;

/**
 * Cuts the `apiSchema` array out of an apidoc.js (or reads a bare JSON array) and parses it
 * with JSON.parse. Nothing is evaluated: a literal that is not JSON is refused.
 * @throws ParseError naming `source`, what was wrong, and the line and column.
 */
export function extractApidocArray(input: string | Uint8Array, source: string): ExtractedArray {
  const text = stripBom(typeof input === 'string' ? input : decodeUtf8(input, source));
  const fail = (offset: number, message: string): never => {
    throw new ParseError(`${source}: ${message}`, positionAt(text, offset));
  };

  const first = firstNonSpace(text, 0);
  let framing: ApidocFraming;
  let start: number;
  if (text.charCodeAt(first) === 0x5b) {
    framing = 'json';
    start = first;
  } else if (text.charCodeAt(first) === 0x3c) {
    // Markup is an error page even when its text quotes `const apiSchema = [` somewhere.
    return fail(first, describeNonApidoc(text, first));
  } else {
    DECLARATION.lastIndex = 0;
    const match = DECLARATION.exec(text);
    if (!match) fail(first, describeNonApidoc(text, first));
    const found = match as RegExpExecArray;
    framing = found[1] as ApidocFraming;
    start = DECLARATION.lastIndex;
    if (text.charCodeAt(start) !== 0x5b) {
      fail(
        start,
        `apiSchema is not an array literal: found ${JSON.stringify(text.slice(start, start + 20))} (only JSON data is read, an expression is never evaluated)`,
      );
    }
  }

  const cut = cutBracketed(text, start);
  if ('failure' in cut)
    fail(cut.failure.offset, `the apiSchema array is not valid JSON: ${cut.failure.message}`);
  const end = (cut as { end: number }).end;
  checkWhatFollows(text, end, framing, fail);

  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end));
  } catch (error) {
    const failure = findJsonSyntaxError(text, start, end);
    if (failure) fail(failure.offset, `the apiSchema array is not valid JSON: ${failure.message}`);
    fail(start, `the apiSchema array is not valid JSON: ${(error as Error).message}`);
  }
  return { text, value: value as unknown[], framing, start, end };
}

/**
 * After the array: for a bare JSON file only white space; for apidoc.js the statement must end
 * there (`;`, a line break, a comment or the end of the file), so that `[…].map(f)` or
 * `[…] + x` is not mistaken for the data.
 */
function checkWhatFollows(
  text: string,
  end: number,
  framing: ApidocFraming,
  fail: (offset: number, message: string) => never,
): void {
  if (framing === 'json') {
    const next = firstNonSpace(text, end);
    if (next < text.length) fail(next, `unexpected ${JSON.stringify(text[next])} after the JSON array`);
    return;
  }
  let i = end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  const rest = text.slice(i, i + 2);
  if (i >= text.length || rest[0] === ';' || rest[0] === '\n' || rest[0] === '\r') return;
  if (rest === '//' || rest === '/*') return;
  fail(
    i,
    `unexpected ${JSON.stringify(text[i])} after the apiSchema array (the declaration must end there; an expression is never evaluated)`,
  );
}

function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}

/** Why a text without an `apiSchema` declaration is not an apidoc, in words a user recognises. */
function describeNonApidoc(text: string, first: number): string {
  if (first >= text.length) return 'the text is empty, not an apidoc';
  const c = text[first];
  if (c === '<') return 'this is an HTML or XML page, not an apidoc (an error page?)';
  if (c === '{') return 'this is a JSON object, not the apidoc array';
  return "no apiSchema array found (expected `const apiSchema = [`, `var apiSchema = [`, an older viewer's `var pveapi = [` or a bare JSON array)";
}
