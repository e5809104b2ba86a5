import { type AST, RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import { analyse } from 'scslre';

/**
 * Patterns whose backtracking is super-linear (the OCI image `reference` of PVE 9 runs for more
 * than a minute on 29 characters in V8) hang every validator built from the document. Each
 * pattern is checked with scslre (the analyser behind eslint-plugin-regexp's
 * `no-super-linear-backtracking`): static, synchronous, pure JavaScript, about 2 ms a pattern.
 * Where the cause has a rewrite that provably matches the same strings, the pattern is rewritten;
 * what remains is reported so that the document can flag it.
 */

/** The outcome for one ECMA-262 (`u`) pattern. */
export interface PatternSafety {
  /** The pattern to publish: the input, or an equivalent rewrite of it. */
  pattern: string;
  /** Whether `pattern` differs from the input. */
  rewritten: boolean;
  /** Why the (rewritten) pattern still backtracks super-linearly; absent when it does not. */
  unsafe?: string;
}

const parser = new RegExpParser({ ecmaVersion: 2024 });
const MAX_FIXES = 16;

function parse(pattern: string): AST.RegExpLiteral {
  // `RegExp#toString` escapes `/` as a literal needs it.
  return parser.parseLiteral(String(new RegExp(pattern, 'u')));
}

function isCharacterRepetition(element: AST.Element | undefined, min: number): element is AST.Quantifier {
  return (
    element?.type === 'Quantifier' &&
    element.min === min &&
    element.max === Number.POSITIVE_INFINITY &&
    (element.element.type === 'CharacterClass' || element.element.type === 'CharacterSet')
  );
}

/**
 * `C+(?:(?:S1|…|D*)C+)*` → `C+(?:(?:S1|…|D+)C+)*`: a separator alternative that may be empty
 * lets the loop split one run of `C` in exponentially many ways (the OCI reference's
 * `[a-z\d]+(?:(?:[._]|__|[-]*)[a-z\d]+)*`). Both match the same strings: the rewrite's language
 * is a subset, and a string that used an empty separator has `C+` followed by `C+` there, which
 * is one longer `C+`, so it also parses with one repetition fewer and that separator gone.
 * Returns the start offsets (in the literal's source) of the `*` quantifiers to turn into `+`.
 */
function emptySeparatorFixes(literal: AST.RegExpLiteral): number[] {
  const fixes: number[] = [];
  visitRegExpAST(literal, {
    onAlternativeEnter(alternative) {
      alternative.elements.forEach((element, index) => {
        const before = alternative.elements[index - 1];
        if (!isCharacterRepetition(before, 1)) return;
        if (element.type !== 'Quantifier' || element.min !== 0 || element.max !== Number.POSITIVE_INFINITY)
          return;
        const loop = element.element;
        if (loop.type !== 'Group' || loop.alternatives.length !== 1) return;
        const [separator, run, ...rest] = loop.alternatives[0]?.elements ?? [];
        if (rest.length > 0 || !isCharacterRepetition(run, 1) || run.raw !== before.raw) return;
        if (separator?.type !== 'Group') return;
        const empties = separator.alternatives.filter(
          (a) => a.elements.length === 1 && isCharacterRepetition(a.elements[0], 0),
        );
        const others = separator.alternatives.filter((a) => !empties.includes(a));
        // Only when no other alternative can be empty: then the emptiness came from `D*` alone.
        if (empties.length !== 1 || others.some((a) => a.elements.length === 0)) return;
        const star = empties[0]?.elements[0] as AST.Quantifier;
        if (star.raw.endsWith('*')) fixes.push(star.end - 1);
      });
    },
  });
  return fixes;
}

/** The pattern text of a literal (`/…/u` → `…`), un-escaping nothing. */
function patternOf(literal: AST.RegExpLiteral): string {
  return literal.pattern.raw;
}

/**
 * The reports that matter for a validator: backtracking within one match attempt (`Self`,
 * `Trade`: polynomial of any degree, or exponential). `Move` reports (an unanchored search that
 * retries at every position, at most quadratic; Perl's pasted anchors leave the last alternative
 * unanchored at its start) stay below a millisecond on a kilobyte, so they are not flagged.
 */
function superLinear(literal: AST.RegExpLiteral) {
  return analyse(literal, { reportTypes: { Move: false } }).reports;
}

/** Rewrites what can be rewritten, then reports what still backtracks super-linearly. */
export function checkPatternSafety(pattern: string): PatternSafety {
  let literal = parse(pattern);
  const stars = emptySeparatorFixes(literal);
  if (stars.length > 0) {
    let source = literal.raw;
    for (const at of stars.sort((a, b) => b - a)) source = `${source.slice(0, at)}+${source.slice(at + 1)}`;
    literal = parser.parseLiteral(source);
  }
  let reports = superLinear(literal);
  // scslre's own fixes are guaranteed to match exactly what the analysed literal matches.
  for (let round = 0; round < MAX_FIXES && reports.length > 0; round++) {
    const fixed = reports.map((report) => report.fix()).find((f) => f !== undefined);
    if (fixed === undefined) break;
    literal = parser.parseLiteral(`/${fixed.source}/${fixed.flags}`);
    reports = superLinear(literal);
  }
  const out = patternOf(literal);
  const result: PatternSafety = { pattern: out, rewritten: out !== patternOf(parse(pattern)) };
  if (reports.length > 0) {
    const first = reports[0] as (typeof reports)[number];
    const kind = reports.some((r) => r.exponential) ? 'exponential' : 'polynomial';
    result.unsafe = `${kind} backtracking (${first.type}) on repeated "${first.character.literal.source}"`;
  }
  return result;
}
