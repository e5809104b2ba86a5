import { type AST, RegExpParser } from '@eslint-community/regexpp';

/** A seeded pseudo-random source in [0, 1) (mulberry32): the same seed gives the same strings. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Characters that sampled strings are made of: printable ASCII, the whitespace controls, and a
 * few non-ASCII letters, digits and spaces where Perl and ECMA-262 classes (`\w`, `\d`, `\s`) part.
 */
const POOL = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)),
  '\t',
  '\n',
  '\r',
  '\0',
  'é',
  'ß',
  'Ж',
  '٣',
  '\u00a0',
  '\u2028',
  '😀',
];

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/**
 * Strings drawn from an ECMA-262 (`u`) pattern: each alternative, quantifier count and class
 * member chosen at random. Lookarounds are not enforced, so a sample may not match; both sides of
 * a differential test judge every string anyway.
 */
export class RegexSampler {
  private readonly classes = new Map<string, string[]>();
  private readonly ast: AST.Pattern;

  constructor(
    pattern: string,
    private readonly random: () => number,
  ) {
    this.ast = new RegExpParser({ ecmaVersion: 2024 }).parsePattern(pattern, 0, pattern.length, {
      unicode: true,
    });
  }

  /** One string. */
  sample(): string {
    const groups = new Map<number, string>();
    return this.alternatives(this.ast.alternatives, groups);
  }

  /** A sample changed at random: a character removed, added, replaced or doubled, a newline added. */
  mutate(text: string): string {
    const chars = [...text];
    const at = Math.floor(this.random() * (chars.length + 1));
    switch (Math.floor(this.random() * 7)) {
      case 0:
        chars.splice(at, 1);
        break;
      case 1:
        chars.splice(at, 0, pick(this.random, POOL));
        break;
      case 2:
        chars.splice(at, 1, pick(this.random, POOL));
        break;
      case 3:
        chars.splice(at, 0, ...chars.slice(at, at + 3));
        break;
      case 4:
        chars.push('\n');
        break;
      case 5:
        chars.push(pick(this.random, POOL));
        break;
      default:
        chars.unshift(pick(this.random, POOL));
    }
    return chars.join('');
  }

  private alternatives(alternatives: AST.Alternative[], groups: Map<number, string>): string {
    const chosen = pick(this.random, alternatives);
    return chosen ? chosen.elements.map((e) => this.element(e, groups)).join('') : '';
  }

  private element(node: AST.Element, groups: Map<number, string>): string {
    switch (node.type) {
      case 'Character':
        return String.fromCodePoint(node.value);
      case 'CharacterClass':
      case 'CharacterSet':
      case 'ExpressionCharacterClass':
        return this.member(node.raw);
      case 'Group':
        return this.alternatives(node.alternatives, groups);
      case 'CapturingGroup': {
        const text = this.alternatives(node.alternatives, groups);
        groups.set(groupIndex(node), text);
        return text;
      }
      case 'Quantifier': {
        const max = Math.min(node.max, node.min + 4);
        const count = node.min + Math.floor(this.random() * (max - node.min + 1));
        let out = '';
        for (let i = 0; i < count; i++) out += this.element(node.element, groups);
        return out;
      }
      case 'Backreference': {
        const ref = node.resolved;
        const target = Array.isArray(ref) ? ref[0] : ref;
        return target ? (groups.get(groupIndex(target)) ?? '') : '';
      }
      default:
        return ''; // assertions: `^`, `$`, `\b`, lookarounds
    }
  }

  /** A random member of a class, from the pool (a class no pool character is in gives nothing). */
  private member(raw: string): string {
    let members = this.classes.get(raw);
    if (!members) {
      const re = new RegExp(`^${raw}$`, 'u');
      members = POOL.filter((c) => re.test(c));
      this.classes.set(raw, members);
    }
    return members.length === 0 ? '' : pick(this.random, members);
  }
}

function groupIndex(node: AST.CapturingGroup): number {
  return node.start;
}
