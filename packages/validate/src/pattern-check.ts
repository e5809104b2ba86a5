import { pointer } from './json-pointer.js';
import { isObject } from './openapi-document.js';
import type { Finding } from './types.js';

// Values under these keys are data or vendor extensions, not schemas: a `pattern` there (the
// original Perl regex kept in an `x-proxmox-…` extension, say) is not an OpenAPI pattern.
const NOT_SCHEMA = new Set(['example', 'examples', 'default', 'enum', 'const']);

/**
 * Every schema `pattern` must compile as an ECMA-262 regular expression with the `u` flag, as
 * OpenAPI and JSON Schema define it: a Perl or delimited pattern (`(?^:…)`, `\A`, `/…/`) breaks
 * every client that validates. Redocly does not compile patterns, so this check does.
 */
export function checkPatterns(document: object): Finding[] {
  const findings: Finding[] = [];
  const stack: { value: unknown; tokens: (string | number)[] }[] = [{ value: document, tokens: [] }];
  while (stack.length > 0) {
    const { value, tokens } = stack.pop() as { value: unknown; tokens: (string | number)[] };
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push({ value: item, tokens: [...tokens, index] });
      });
      continue;
    }
    if (!isObject(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      // A property named "pattern" holds a schema (an object), the keyword holds a string.
      if (key === 'pattern' && typeof child === 'string' && tokens.at(-1) !== 'properties') {
        const problem = compileError(child);
        if (problem !== undefined) {
          findings.push({
            severity: 'error',
            rule: 'pattern-ecma262',
            message: `pattern ${JSON.stringify(child)} is not an ECMA-262 regular expression: ${problem}`,
            pointer: pointer(...tokens, key),
          });
        }
        continue;
      }
      if (key.startsWith('x-') || NOT_SCHEMA.has(key)) continue;
      if (typeof child === 'object' && child !== null) stack.push({ value: child, tokens: [...tokens, key] });
    }
  }
  return findings.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

function compileError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
