import { load } from 'js-yaml';
import { pointer } from './json-pointer.js';
import { isObject } from './openapi-document.js';
import type { Finding } from './types.js';

/** How many differences a report lists before it stops: the first few say enough. */
const MAX_DIFFERENCES = 10;

/**
 * Parses the YAML serialization and compares it with the document value by value (key order
 * aside): the YAML file must be the same document as the JSON, not merely valid YAML.
 */
export function checkYaml(document: object, yaml: string): Finding[] {
  let parsed: unknown;
  try {
    parsed = load(yaml);
  } catch (error) {
    const line = (error as Error).message.split('\n')[0] ?? '';
    return [
      { severity: 'error', rule: 'yaml-parse', message: `the YAML does not parse: ${line}`, pointer: '' },
    ];
  }
  return differences(document, parsed).map((d) => ({
    severity: 'error',
    rule: 'yaml-same-document',
    message: `the YAML differs from the JSON document at ${d.pointer || '/'}: ${d.what}`,
    pointer: d.pointer,
  }));
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Where a compared value sits: its key and its parent's place. The pointer string is built only
 * for a difference; building it (and copying the token list) for every one of the hundreds of
 * thousands of values that match was most of this check's own time.
 */
interface Place {
  token: string | number;
  parent: Place | undefined;
}

function pointerOf(place: Place | undefined): string {
  const tokens: (string | number)[] = [];
  for (let p = place; p !== undefined; p = p.parent) tokens.push(p.token);
  return pointer(...tokens.reverse());
}

/** The first differences between two JSON values, depth-first, with their pointers. */
function differences(expected: unknown, actual: unknown): { pointer: string; what: string }[] {
  const found: { pointer: string; what: string }[] = [];
  const stack: { a: unknown; b: unknown; place: Place | undefined }[] = [
    { a: expected, b: actual, place: undefined },
  ];
  while (stack.length > 0 && found.length < MAX_DIFFERENCES) {
    const { a, b, place } = stack.pop() as { a: unknown; b: unknown; place: Place | undefined };
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) {
        found.push({ pointer: pointerOf(place), what: `JSON has ${a.length} items, YAML ${b.length}` });
        continue;
      }
      for (let i = a.length - 1; i >= 0; i--)
        stack.push({ a: a[i], b: b[i], place: { token: i, parent: place } });
      continue;
    }
    if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].reverse();
      for (const key of keys) {
        const at: Place = { token: key, parent: place };
        if (!(key in b)) found.push({ pointer: pointerOf(at), what: 'missing in the YAML' });
        else if (!(key in a)) found.push({ pointer: pointerOf(at), what: 'only in the YAML' });
        else stack.push({ a: a[key], b: b[key], place: at });
      }
      continue;
    }
    if (!Object.is(a, b) && !(typeof a === 'number' && a === b)) {
      found.push({ pointer: pointerOf(place), what: `JSON has ${describe(a)}, YAML has ${describe(b)}` });
    }
  }
  return found.slice(0, MAX_DIFFERENCES);
}
