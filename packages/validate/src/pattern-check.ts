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
 * every client that validates. Redocly does not compile patterns, so this check does.
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
        }
        continue;
      }
      if (key.startsWith('x-') || NOT_SCHEMA.has(key)) continue;
      if (typeof child === 'object' && child !== null) stack.push({ value: child, key, parent: place });
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
