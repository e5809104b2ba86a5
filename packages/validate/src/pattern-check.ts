import { type AST, RegExpParser } from '@eslint-community/regexpp';
import { analyse } from 'scslre';
import { pointer } from './json-pointer.js';
import { isObject } from './openapi-document.js';
import type { Finding } from './types.js';

// Values under these keys are data or vendor extensions, not schemas: a `pattern` there (the
// original Perl regex kept in an `x-proxmox-…` extension, say) is not an OpenAPI pattern.
const NOT_SCHEMA = new Set(['example', 'examples', 'default', 'enum', 'const']);

interface Place {
  value: unknown;
  key: string | number;
  parent: Place | undefined;
}

/** The tokens from the root to a place. */
function tokensOf(place: Place): (string | number)[] {
  const tokens: (string | number)[] = [];
  for (let at: Place | undefined = place; at?.parent !== undefined; at = at.parent) tokens.push(at.key);
  return tokens.reverse();
}

/**
 * Every schema `pattern` must compile as an ECMA-262 regular expression with the `u` flag, as
 * OpenAPI and JSON Schema define it: a Perl or delimited pattern (`(?^:…)`, `\A`, `/…/`) breaks
 * every client that validates. Redocly does not compile patterns, so this check does. A pattern
 * that backtracks super-linearly is a warning (`pattern-super-linear`).
 */
export function checkPatterns(document: object): Finding[] {
  const findings: Finding[] = [];
  // Each entry links to its parent instead of copying the path, so that the walk stays linear
  // in the document's size however deep it nests; a pointer is built only for a finding.
  const stack: Place[] = [{ value: document, key: '', parent: undefined }];
  while (stack.length > 0) {
    const place = stack.pop() as Place;
    const { value } = place;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push({ value: item, key: index, parent: place });
      });
      continue;
    }
    if (!isObject(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      // A property named "pattern" holds a schema (an object), the keyword holds a string.
      if (key === 'pattern' && typeof child === 'string' && place.key !== 'properties') {
        const problem = compileError(child);
        if (problem !== undefined) {
          findings.push({
            severity: 'error',
            rule: 'pattern-ecma262',
            message: `pattern ${JSON.stringify(child)} is not an ECMA-262 regular expression: ${problem}`,
            pointer: pointer(...tokensOf(place), key),
          });
        } else {
          const slow = superLinearBacktracking(child);
          if (slow !== undefined) {
            const flagged =
              typeof value['x-proxmox-pattern-unsafe'] === 'string'
                ? ' (flagged x-proxmox-pattern-unsafe)'
                : '';
            findings.push({
              severity: 'warning',
              rule: 'pattern-super-linear',
              message: `pattern ${JSON.stringify(child.length > 80 ? `${child.slice(0, 77)}...` : child)} has ${slow}${flagged}: a validator may hang on a crafted value`,
              pointer: pointer(...tokensOf(place), key),
            });
          }
        }
        continue;
      }
      if (key.startsWith('x-') || NOT_SCHEMA.has(key)) continue;
      if (typeof child === 'object' && child !== null) stack.push({ value: child, key, parent: place });
    }
  }
  return findings.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

const parser = new RegExpParser({ ecmaVersion: 2024 });
const VERDICTS = new Map<string, string | undefined>();

/**
 * Whether a pattern backtracks super-linearly within one match attempt (polynomially or
 * exponentially), by scslre, the static analyser behind eslint-plugin-regexp: what a validator
 * built from the document would hang on. Unanchored-search retries (`Move`, at most quadratic)
 * are left out. Verdicts are remembered: the same patterns repeat hundreds of times.
 */
function superLinearBacktracking(pattern: string): string | undefined {
  if (VERDICTS.has(pattern)) return VERDICTS.get(pattern);
  let literal: AST.RegExpLiteral;
  try {
    literal = parser.parseLiteral(String(new RegExp(pattern, 'u')));
  } catch {
    return undefined;
  }
  const reports = analyse(literal, { reportTypes: { Move: false } }).reports;
  const verdict =
    reports.length === 0
      ? undefined
      : `${reports.some((r) => r.exponential) ? 'exponential' : 'polynomial'} backtracking on repeated "${reports[0]?.character.literal.source}"`;
  if (VERDICTS.size < 10_000) VERDICTS.set(pattern, verdict);
  return verdict;
}

function compileError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
