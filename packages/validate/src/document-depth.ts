import { pointer } from './json-pointer.js';
import type { Finding } from './types.js';

/**
 * How deep a document may nest (objects and arrays, counted from the root). The generated
 * documents nest 23 levels; Redocly's walk is recursive and runs out of stack a few hundred
 * levels further, and deep nesting made the other walks slow, so anything deeper is reported
 * instead of checked.
 */
export const MAX_DOCUMENT_DEPTH = 256;

interface Level {
  value: unknown;
  depth: number;
  /** The parent's level and this value's key in it: the pointer is built only when reported. */
  parent: Level | undefined;
  key: string | number;
}

/**
 * Finds the first place (depth-first) where the document nests deeper than `limit`, in one
 * linear walk without recursion; undefined when it does not.
 */
export function checkDepth(document: object, limit = MAX_DOCUMENT_DEPTH): Finding | undefined {
  const stack: Level[] = [{ value: document, depth: 0, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const level = stack.pop() as Level;
    if (level.depth > limit) {
      const tokens: (string | number)[] = [];
      for (let at: Level | undefined = level; at?.parent !== undefined; at = at.parent) tokens.push(at.key);
      return {
        severity: 'error',
        rule: 'document-depth',
        message: `the document nests more than ${limit} levels deep (real OpenAPI documents nest a few dozen); it was not checked further`,
        pointer: pointer(...tokens.reverse()),
      };
    }
    const { value } = level;
    if (typeof value !== 'object' || value === null) continue;
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string | number, unknown];
      if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, depth: level.depth + 1, parent: level, key });
      }
    }
  }
  return undefined;
}
