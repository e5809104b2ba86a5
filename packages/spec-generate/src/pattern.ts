/**
 * Translation of Proxmox regular expressions into ECMA-262 patterns that compile with the `u`
 * flag (what JSON Schema validators use) and mean the same.
 *
 * - PVE writes Perl regexes: `(?^:…)`/`(?^i:…)` groups, `\A`/`\z`, POSIX classes, atomic
 *   groups, `{,n}`, needless escapes such as `\-` or `\_` (syntax errors under `u`). PVE checks a
 *   value with `m/^$pattern$/`, so the translation gets `^` and `$` pasted around it the same way
 *   (not `^(?:…)$`: Perl's anchors bind to the first and last top-level alternative only).
 * - PBS writes Rust regexes as JavaScript literals `/…/`: the delimiters go, `(?P<name>…)`
 *   becomes `(?<name>…)`, `(?m)` becomes explicit line anchors. PBS matches unanchored, like
 *   JSON Schema, so no anchors are added.
 *
 * Case-insensitive groups are expanded into both cases, because ECMA-262 (as of Node 20) has no
 * inline modifiers. Anything this translator does not understand is reported, never guessed.
 */

import { checkPatternSafety } from './pattern-safety.js';

/** How a product writes its patterns. */
export type PatternDialect = 'perl' | 'rust-literal';

/** The result of a translation: an ECMA-262 `u` pattern, or why there is none. */
export type PatternTranslation =
  | {
      ok: true;
      pattern: string;
      /** Why the pattern still backtracks super-linearly after every proven rewrite (see `pattern-safety.ts`). */
      unsafe?: string;
    }
  | { ok: false; reason: string };

class Untranslatable extends Error {}

interface Flags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

type Range = [number, number];

const DIGIT: Range = [0x30, 0x39];
const UPPER: Range = [0x41, 0x5a];
const LOWER: Range = [0x61, 0x7a];

/** ASCII code point ranges of the POSIX bracket classes, each in ascending order; the letter and digit classes are built from one another. */
const POSIX_CLASSES: Record<string, Range[]> = {
  alpha: [UPPER, LOWER],
  digit: [DIGIT],
  alnum: [DIGIT, UPPER, LOWER],
  upper: [UPPER],
  lower: [LOWER],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  print: [[0x20, 0x7e]],
  graph: [[0x21, 0x7e]],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  xdigit: [DIGIT, [0x41, 0x46], [0x61, 0x66]],
  word: [DIGIT, UPPER, [0x5f, 0x5f], LOWER],
  ascii: [[0x00, 0x7f]],
};

/** Characters that must be escaped to stand for themselves outside a class under `u`. */
const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/'.split(''));

function hex(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** A code point as it may stand inside a character class under `u`. */
function classChar(code: number): string {
  const c = String.fromCodePoint(code);
  if (code < 0x20 || code === 0x7f) return hex(code);
  if ('\\]^-[/'.includes(c)) return `\\${c}`;
  return c;
}

/** A code point as a literal outside a class under `u`. */
function literal(code: number): string {
  const c = String.fromCodePoint(code);
  if (code < 0x20 || code === 0x7f) return hex(code);
  return SYNTAX_CHARS.has(c) ? `\\${c}` : c;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** The other-case ASCII ranges that a range covers, for case-insensitive classes. */
function caseSwapped([lo, hi]: [number, number]): [number, number][] {
  const out: [number, number][] = [];
  const upper: [number, number] = [Math.max(lo, 0x41), Math.min(hi, 0x5a)];
  if (upper[0] <= upper[1]) out.push([upper[0] + 32, upper[1] + 32]);
  const lower: [number, number] = [Math.max(lo, 0x61), Math.min(hi, 0x7a)];
  if (lower[0] <= lower[1]) out.push([lower[0] - 32, lower[1] - 32]);
  return out;
}

function emitRanges(ranges: [number, number][]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`)).join('');
}

class Translator {
  private pos = 0;
  private groups = 0;
  private hasBackreference = false;
  private hasAtomic = false;

  constructor(private readonly src: string) {}

  translate(flags: Flags): string {
    const out = this.sequence(flags, false);
    if (this.pos < this.src.length) throw new Untranslatable(`unbalanced ")" at ${this.pos}`);
    if (this.hasAtomic && this.hasBackreference) {
      throw new Untranslatable('atomic groups together with backreferences');
    }
    return out;
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  /** A sequence up to the end of the text or the `)` that closes the current group. */
  private sequence(outer: Flags, inGroup: boolean): string {
    const flags = { ...outer };
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === ')') {
        if (!inGroup) throw new Untranslatable(`unbalanced ")" at ${this.pos}`);
        return out;
      }
      if (c === '(') {
        const inline = this.inlineFlags();
        if (inline) {
          Object.assign(flags, inline);
          continue;
        }
        out += this.group(flags);
        continue;
      }
      out += this.atom(flags);
    }
    if (inGroup) throw new Untranslatable('unterminated group');
    return out;
  }

  /** `(?flags)` standing alone: changes the flags until the end of the enclosing group. */
  private inlineFlags(): Partial<Flags> | undefined {
    const match = /^\(\?(\^?)([a-z]*)(?:-([a-z]*))?\)/.exec(this.src.slice(this.pos));
    if (!match) return undefined;
    this.pos += match[0].length;
    return this.flagChange(match[1] === '^', match[2] ?? '', match[3] ?? '');
  }

  private flagChange(reset: boolean, on: string, off: string): Partial<Flags> {
    const change: Partial<Flags> = reset ? { ignoreCase: false, multiline: false, dotAll: false } : {};
    for (const [letters, value] of [
      [on, true],
      [off, false],
    ] as const) {
      for (const letter of letters) {
        if (letter === 'i') change.ignoreCase = value;
        else if (letter === 'm') change.multiline = value;
        else if (letter === 's') change.dotAll = value;
        else if (letter !== 'x' || value) {
          // `x` (extended syntax) would change how the text reads; the rest have no effect on matching here.
          if (!'xnpadlu'.includes(letter) || letter === 'x') throw new Untranslatable(`flag "${letter}"`);
        }
      }
    }
    return change;
  }

  private group(flags: Flags): string {
    const rest = this.src.slice(this.pos);
    let open: string;
    let close = ')';
    let inner = flags;
    const flagGroup = /^\(\?(\^?)([a-z]*)(?:-([a-z]*))?:/.exec(rest);
    const lookaround = /^\(\?(=|!|<=|<!)/.exec(rest);
    const named = /^\(\?(?:P?<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')/.exec(rest);
    if (rest.startsWith('(?:')) {
      open = '(?:';
      this.pos += 3;
    } else if (flagGroup) {
      open = '(?:';
      inner = { ...flags, ...this.flagChange(flagGroup[1] === '^', flagGroup[2] ?? '', flagGroup[3] ?? '') };
      this.pos += flagGroup[0].length;
    } else if (lookaround) {
      open = lookaround[0];
      this.pos += open.length;
    } else if (named) {
      this.groups++;
      open = `(?<${named[1] ?? named[2]}>`;
      this.pos += named[0].length;
    } else if (rest.startsWith('(?>')) {
      // An atomic group: `(?=(X))\N` matches exactly what `(?>X)` matches (the lookahead does not backtrack into X).
      this.hasAtomic = true;
      this.groups++;
      open = '(?:(?=(';
      close = `))\\${this.groups})`;
      this.pos += 3;
    } else if (rest.startsWith('(?#')) {
      const end = this.src.indexOf(')', this.pos);
      if (end < 0) throw new Untranslatable('unterminated comment');
      this.pos = end + 1;
      return '';
    } else if (rest.startsWith('(?')) {
      throw new Untranslatable(`group syntax "${rest.slice(0, 4)}"`);
    } else {
      this.groups++;
      open = '(';
      this.pos += 1;
    }
    const body = this.sequence(inner, true);
    this.pos += 1; // the closing ")"
    return `${open}${body}${close}${this.quantifier()}`;
  }

  /** One atom (and its quantifier) outside a class. */
  private atom(flags: Flags): string {
    const c = this.peek();
    this.pos++;
    switch (c) {
      case '[':
        return this.charClass(flags) + this.quantifier();
      case '\\':
        return this.escape(flags) + this.quantifier();
      case '.':
        // Perl's and Rust's `.` excludes only `\n`; ECMA-262's also excludes `\r`, U+2028 and U+2029.
        return (flags.dotAll ? '[\\s\\S]' : '[^\\n]') + this.quantifier();
      case '^':
        return flags.multiline ? '(?<=^|\\n)' : '^';
      case '$':
        return flags.multiline ? '(?=$|\\n)' : '$';
      case '|':
        return '|';
      case '{': {
        // A `{` that does not start a valid quantifier is a literal in Perl and Rust.
        return `\\{${this.quantifier()}`;
      }
      case '*':
      case '+':
      case '?':
        throw new Untranslatable(`quantifier "${c}" without an atom`);
      default: {
        const code = c.codePointAt(0) as number;
        if (code > 0xffff) this.pos++;
        const text =
          flags.ignoreCase && isLetter(code) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : literal(code);
        return text + this.quantifier();
      }
    }
  }

  /** An optional quantifier after an atom; `{,n}` (Perl 5.34+: at most n) becomes `{0,n}`. */
  private quantifier(): string {
    const rest = this.src.slice(this.pos);
    const match = /^(?:[*+?]|\{(\d*)(,?)(\d*)\})/.exec(rest);
    if (!match) return '';
    let text = match[0];
    if (text.startsWith('{')) {
      const [, min = '', comma, max = ''] = match;
      if (min === '' && max === '') return ''; // `{}` or `{,}` is a literal, handled by the caller
      text = `{${min === '' ? '0' : min}${comma}${max}}`;
    }
    this.pos += match[0].length;
    const next = this.peek();
    if (next === '?') {
      this.pos++;
      text += '?';
    } else if (next === '+') {
      throw new Untranslatable('possessive quantifier');
    }
    return text;
  }

  private escape(flags: Flags): string {
    const c = this.peek();
    if (c === '') throw new Untranslatable('trailing backslash');
    this.pos++;
    switch (c) {
      case 'A':
        return '^';
      case 'z':
        return '$';
      case 'Z':
        return '(?=\\n?$)';
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
      case 'b':
      case 'B':
        return `\\${c}`;
      case 'h':
        return '[\\t ]';
      case 'x':
      case '0':
      case 'n':
      case 'r':
      case 't':
      case 'f':
      case 'v':
      case 'e':
      case 'a':
        return literal(this.escapedCode(c));
      case 'p':
      case 'P': {
        const match = /^\{[A-Za-z_=]+\}/.exec(this.src.slice(this.pos));
        if (!match) throw new Untranslatable(`\\${c} without a property name`);
        this.pos += match[0].length;
        return `\\${c}${match[0]}`;
      }
      case 'k': {
        const match = /^(?:<([A-Za-z_]\w*)>|\{([A-Za-z_]\w*)\}|'([A-Za-z_]\w*)')/.exec(
          this.src.slice(this.pos),
        );
        if (!match) throw new Untranslatable('\\k without a name');
        this.pos += match[0].length;
        this.hasBackreference = true;
        return `\\k<${match[1] ?? match[2] ?? match[3]}>`;
      }
      default: {
        if (/[1-9]/.test(c)) {
          this.hasBackreference = true;
          let digits = c;
          while (/[0-9]/.test(this.peek())) digits += this.src[this.pos++];
          return `\\${digits}`;
        }
        if (/[A-Za-z]/.test(c)) throw new Untranslatable(`escape "\\${c}"`);
        // An escaped punctuation character stands for itself (Perl allows `\-`, `\_`, `\@`, … that `u` rejects).
        const code = c.codePointAt(0) as number;
        return flags.ignoreCase && isLetter(code) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : literal(code);
      }
    }
  }

  /** The code point of a character escape whose letter has been read. */
  private escapedCode(letter: string): number {
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, e: 27, a: 7, '0': 0 };
    if (letter !== 'x') {
      if (letter === '0') {
        // Perl's `\0` may be followed by up to two more octal digits.
        const match = /^[0-7]{0,2}/.exec(this.src.slice(this.pos));
        const digits = match?.[0] ?? '';
        this.pos += digits.length;
        return Number.parseInt(`0${digits}`, 8);
      }
      return simple[letter] as number;
    }
    const rest = this.src.slice(this.pos);
    const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(rest);
    if (braced) {
      this.pos += braced[0].length;
      return Number.parseInt(braced[1] as string, 16);
    }
    const plain = /^[0-9A-Fa-f]{1,2}/.exec(rest);
    if (!plain) throw new Untranslatable('\\x without hex digits');
    this.pos += plain[0].length;
    return Number.parseInt(plain[0], 16);
  }

  /** A bracket class, whose `[` has been read. */
  private charClass(flags: Flags): string {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: [number, number][] = [];
    const escapes: string[] = [];
    const negatedPosix: [number, number][][] = [];
    let first = true;
    for (;;) {
      if (this.pos >= this.src.length) throw new Untranslatable('unterminated character class');
      const c = this.peek();
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (posix) {
        const set = POSIX_CLASSES[posix[2] as string];
        if (!set) throw new Untranslatable(`POSIX class "${posix[2]}"`);
        this.pos += posix[0].length;
        if (posix[1]) negatedPosix.push(set);
        else ranges.push(...set);
        continue;
      }
      const start = this.classAtom();
      if (typeof start === 'string') {
        escapes.push(start);
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        const save = this.pos;
        this.pos++;
        if (this.src.startsWith('[:', this.pos)) {
          this.pos = save; // `a-[:digit:]`: the dash is a literal
          ranges.push([start, start]);
          continue;
        }
        const end = this.classAtom();
        if (typeof end === 'string') {
          ranges.push([start, start], [0x2d, 0x2d]);
          escapes.push(end);
          continue;
        }
        if (end < start) throw new Untranslatable('inverted class range');
        ranges.push([start, end]);
        continue;
      }
      ranges.push([start, start]);
    }
    if (flags.ignoreCase) for (const range of [...ranges]) ranges.push(...caseSwapped(range));
    const body = emitRanges(ranges) + escapes.join('');
    if (!negated && body === '' && negatedPosix.length === 1)
      return `[^${emitRanges(negatedPosix[0] ?? [])}]`;
    if (negatedPosix.length === 0) {
      if (body === '') return negated ? '[\\s\\S]' : '[]';
      return `[${negated ? '^' : ''}${body}]`;
    }
    // `[A[:^cntrl:]]` = A or not-cntrl; `[^A[:^cntrl:]]` = cntrl and not A. The `u` flag has no set operations.
    const complements = negatedPosix.map((set) => `[^${emitRanges(set)}]`);
    if (!negated) return `(?:${[...(body ? [`[${body}]`] : []), ...complements].join('|')})`;
    const inside = negatedPosix.map((set) => `(?=[${emitRanges(set)}])`).join('');
    return `(?:${body ? `(?![${body}])` : ''}${inside}[\\s\\S])`;
  }

  /** One member of a class: a code point, or a class escape such as `\d` kept as text. */
  private classAtom(): number | string {
    const c = this.peek();
    this.pos++;
    if (c !== '\\') {
      const code = c.codePointAt(0) as number;
      if (code > 0xffff) this.pos++;
      return code;
    }
    const e = this.peek();
    if (e === '') throw new Untranslatable('trailing backslash');
    this.pos++;
    if ('dDwWsS'.includes(e)) return `\\${e}`;
    if (e === 'h') return '\\t ';
    if (e === 'b') return 8;
    if (e === 'p' || e === 'P') {
      const match = /^\{[A-Za-z_=]+\}/.exec(this.src.slice(this.pos));
      if (!match) throw new Untranslatable(`\\${e} without a property name`);
      this.pos += match[0].length;
      return `\\${e}${match[0]}`;
    }
    if ('x0nrtfvea'.includes(e)) return this.escapedCode(e);
    if (/[A-Za-z0-9]/.test(e)) throw new Untranslatable(`class escape "\\${e}"`);
    return e.codePointAt(0) as number;
  }
}

/**
 * Translates one Proxmox pattern. The result compiles with `new RegExp(pattern, 'u')`; when the
 * source uses a construct without an exact ECMA-262 equivalent, the result says why instead.
 */
export function translatePattern(source: string, dialect: PatternDialect): PatternTranslation {
  // The same patterns repeat hundreds of times in an apidoc; translating is pure, so remember results.
  const key = `${dialect}\u0000${source}`;
  const cached = CACHE.get(key);
  if (cached) return cached;
  const result = translateUncached(source, dialect);
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(key, result);
  return result;
}

const CACHE = new Map<string, PatternTranslation>();
const CACHE_LIMIT = 10_000;

function translateUncached(source: string, dialect: PatternDialect): PatternTranslation {
  try {
    let body = source;
    const flags: Flags = { ignoreCase: false, multiline: false, dotAll: false };
    if (dialect === 'rust-literal') {
      const literalForm = /^\/([\s\S]*)\/([a-z]*)$/.exec(source);
      if (literalForm) {
        body = literalForm[1] as string;
        Object.assign(flags, {
          ignoreCase: literalForm[2]?.includes('i') ?? false,
          multiline: literalForm[2]?.includes('m') ?? false,
          dotAll: literalForm[2]?.includes('s') ?? false,
        });
      }
    }
    const translated = new Translator(body).translate(flags);
    // PVE checks `$value =~ m/^$pattern$/`: the anchors are pasted around the text, so with a
    // top-level alternation they bind only to the first and the last alternative (PVE accepts
    // anything that ends in `/dev/usb/lp0` for `/dev/parport\d+|/dev/usb/lp\d+`). The client
    // must accept what the server accepts, so the anchors are pasted the same way.
    const pattern = dialect === 'perl' ? `^${translated}$` : translated;
    new RegExp(pattern, 'u');
    const safety = checkPatternSafety(pattern);
    return safety.unsafe === undefined
      ? { ok: true, pattern: safety.pattern }
      : { ok: true, pattern: safety.pattern, unsafe: safety.unsafe };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
