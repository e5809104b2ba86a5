import { DUMP_SCHEMA } from 'js-yaml';
import { DOCUMENT_MARKER, isAmbiguousPlainScalar } from './yaml-quoting.js';

/*
 * A YAML writer for plain JSON data that gives the same bytes as
 * `dump(value, { noRefs: true, lineWidth: -1, transform: quoteAmbiguousScalars })` of js-yaml 5,
 * several times faster: js-yaml first builds a node tree of the whole document, visits it for the
 * transform, then tests every scalar against the full YAML grammar with large regular expressions;
 * here each value is written as it is met and a scalar's style is decided by one pass over its
 * characters. The style rules are js-yaml's, in its order (see `stringStyle`).
 *
 * It covers what a generated OpenAPI document holds — objects, arrays, strings, finite numbers,
 * booleans, null — and strings made of the common characters (`SUPPORTED`). Anything else (a
 * control character, a lone surrogate, a key over 1024 characters or with a line break, a Date, a
 * non-finite number) makes `emitYaml` return undefined and the caller falls back to js-yaml, so
 * the output is js-yaml's in every case; the tests compare the two byte for byte on every fixture
 * and on generated data.
 */

/** Thrown inside the writer when the value leaves the supported subset; never escapes. */
class Unsupported extends Error {}

// Characters the writer handles: tab, line feed, printable ASCII, and the printable non-ASCII BMP
// characters that js-yaml neither escapes nor treats as invisible (it double-quotes \x7F-\xA0,
// U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF and escapes surrogates).
const UNSUPPORTED = /[^\t\n\x20-\x7E\xA1-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]/;

// js-yaml double-quotes a plain candidate that holds a tab (or another invisible character).
const HAS_TAB = /\t/;
const WHITESPACE_ONLY = /^\s+$/;
const STRING_TAG = 'tag:yaml.org,2002:str';

/**
 * The first characters of every string that `isAmbiguousPlainScalar` can match (booleans `y n t f
 * o`, null `n ~`, numbers `- + . 0-9` and `e` of an exponent without mantissa, `<<`, `=`): most
 * strings start otherwise and skip its nine expressions. A test checks the gate against it.
 */
export const MAY_BE_AMBIGUOUS = /^[-+.0-9~<=eEfFnNoOtTyY]/;

const PLAIN = 0;
const SINGLE = 1;
const DOUBLE = 2;
const LITERAL = 3;
type Style = typeof PLAIN | typeof SINGLE | typeof DOUBLE | typeof LITERAL;

const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`');

const isWhite = (c: string | undefined): boolean => c === ' ' || c === '\t';
// Within the supported characters, an ns-char is anything but a space, a tab or a line break.
const isNsChar = (c: string | undefined): boolean => c !== undefined && c !== ' ' && c !== '\t' && c !== '\n';

/**
 * Whether a one-line string may be written plain in block context (YAML 1.2 ns-plain-one-line):
 * no indicator first (`-`, `?`, `:` only before a non-space), no `: ` or `:` at the end, no ` #`,
 * no space at either end; and the YAML 1.1/1.2 dump schema must read it back as a string.
 */
function plainAllowed(text: string): boolean {
  const first = text[0];
  if (first === undefined || isWhite(first)) return false;
  if (INDICATORS.has(first) && !((first === '-' || first === '?' || first === ':') && isNsChar(text[1]))) {
    return false;
  }
  const last = text.length - 1;
  if (isWhite(text[last])) return false;
  for (let i = 1; i <= last; i++) {
    const c = text[i];
    if (c === ':' && !isNsChar(text[i + 1])) return false;
    if (c === '#' && isWhite(text[i - 1])) return false;
  }
  if (text === '=') return false;
  return DUMP_SCHEMA.resolveImplicitScalarTag(text).tag.tagName === STRING_TAG;
}

/** js-yaml's choice for a string, for our options: transform, then its styling rules in order. */
function stringStyle(text: string, topKey: boolean): Style {
  // The transform (quoteAmbiguousScalars) runs before the rules and only ever picks single quotes.
  if (MAY_BE_AMBIGUOUS.test(text) && isAmbiguousPlainScalar(text)) return SINGLE;
  if (topKey && DOCUMENT_MARKER.test(text)) return SINGLE;
  if (HAS_TAB.test(text) || WHITESPACE_ONLY.test(text)) return DOUBLE;
  const multiline = text.includes('\n');
  if (multiline) {
    // lineWidth -1: a multi-line value is a literal block (always allowed for these characters at
    // a nested level).
    return LITERAL;
  }
  if (plainAllowed(text)) return PLAIN;
  // Single quotes hold any one-line string of the supported characters.
  return SINGLE;
}

const indents: string[] = [''];
function indent(spaces: number): string {
  let text = indents[spaces];
  if (text === undefined) {
    text = ' '.repeat(spaces);
    indents[spaces] = text;
  }
  return text;
}

function doubleQuoted(text: string): string {
  return `"${text.replace(/["\\\t\n]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : `\\${c}`))}"`;
}

/** A literal block scalar at `level` (content indented by 2 × level), as js-yaml writes it. */
function literalBlock(text: string, level: number): string {
  const pad = indent(2 * level);
  const indicator = /^\n* /.test(text) ? '2' : '';
  const clip = text.endsWith('\n');
  const chomp = clip ? (text === '\n' || text.endsWith('\n\n') ? '+' : '') : '-';
  let body = '';
  let position = 0;
  while (position < text.length) {
    const next = text.indexOf('\n', position);
    const line = next === -1 ? text.slice(position) : text.slice(position, next + 1);
    position = next === -1 ? text.length : next + 1;
    if (line !== '\n') body += pad;
    body += line;
  }
  if (body.endsWith('\n')) body = body.slice(0, -1);
  return `|${indicator}${chomp}\n${body}`;
}

interface State {
  /** The text so far: appended to, never read back (reading a long concatenation flattens it). */
  out: string;
  // Whether the last scalar written was a block scalar that ends open (js-yaml then ends the
  // document with `...`).
  openEnded: boolean;
}

function scalarString(text: string, level: number, isKey: boolean, state: State): string {
  if (UNSUPPORTED.test(text)) throw new Unsupported();
  // js-yaml writes such a key as an explicit `? key` pair (its limit is 1024 characters of the
  // written key, quotes included: 1000 of the string stays clear of it).
  if (isKey && (text.length > 1000 || text.includes('\n'))) throw new Unsupported();
  const style = stringStyle(text, isKey && level === 1);
  state.openEnded = style === LITERAL && (text === '\n' || text.endsWith('\n\n'));
  switch (style) {
    case PLAIN:
      return text;
    case SINGLE:
      return `'${text.replaceAll("'", "''")}'`;
    case DOUBLE:
      return doubleQuoted(text);
    default:
      return literalBlock(text, level);
  }
}

function scalarNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Unsupported();
  const text = value.toString(10);
  if (Number.isInteger(value) && !Object.is(value, -0) && !text.includes('e')) return text;
  if (Object.is(value, -0)) return '-0.0';
  return /^[-+]?[0-9]+e/.test(text) ? text.replace('e', '.e') : text;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function hasEntries(map: Record<string, unknown>): boolean {
  for (const key in map) if (Object.hasOwn(map, key) && map[key] !== undefined) return true;
  return false;
}

/**
 * Whether a value is written as a block collection (a non-empty array or object). As a mapping's
 * value such a collection starts on the next line (`key:` then a line break), anything else on the
 * same line (`key: value`).
 */
function isBlockCollection(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return isPlainObject(value) && hasEntries(value);
}

/**
 * Appends a value at `level`. A block collection that is not `compact` starts with a line break;
 * a compact one (the document itself, an item of a sequence) continues the current line.
 */
function write(value: unknown, level: number, compact: boolean, state: State): void {
  switch (typeof value) {
    case 'string':
      state.out += scalarString(value, level, false, state);
      return;
    case 'number':
      state.openEnded = false;
      state.out += scalarNumber(value);
      return;
    case 'boolean':
      state.openEnded = false;
      state.out += value ? 'true' : 'false';
      return;
    case 'object':
      break;
    default:
      throw new Unsupported();
  }
  if (value === null) {
    state.openEnded = false;
    state.out += 'null';
  } else if (Array.isArray(value)) {
    writeSequence(value, level, compact, state);
  } else if (isPlainObject(value)) {
    writeMapping(value, level, compact, state);
  } else {
    throw new Unsupported();
  }
}

function writeSequence(items: readonly unknown[], level: number, compact: boolean, state: State): void {
  if (items.length === 0) {
    state.openEnded = false;
    state.out += '[]';
    return;
  }
  const lead = `\n${indent(2 * level)}`;
  for (let index = 0; index < items.length; index++) {
    if (!compact || index > 0) state.out += lead;
    // An item is written compact, so it never starts with a line break.
    state.out += '- ';
    write(items[index] === undefined ? null : items[index], level + 1, true, state);
  }
}

function writeMapping(map: Record<string, unknown>, level: number, compact: boolean, state: State): void {
  const lead = `\n${indent(2 * level)}`;
  let empty = true;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue;
    if (!compact || !empty) state.out += lead;
    empty = false;
    state.out += scalarString(key, level + 1, true, state);
    state.out += isBlockCollection(value) ? ':' : ': ';
    write(value, level + 1, false, state);
  }
  if (empty) {
    state.openEnded = false;
    state.out += '{}';
  }
}

/**
 * The YAML of a JSON-like object, byte for byte what `serializeSpec`'s js-yaml call writes; or
 * undefined when the value holds something this writer does not cover (then use js-yaml).
 */
export function emitYaml(document: object): string | undefined {
  if (Array.isArray(document) || !isPlainObject(document)) return undefined;
  const state: State = { out: '', openEnded: false };
  try {
    write(document, 0, true, state);
    return `${state.out}\n${state.openEnded ? '...\n' : ''}`;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
