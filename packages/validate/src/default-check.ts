import { pointer } from './json-pointer.js';
import { isObject } from './openapi-document.js';
import type { Finding } from './types.js';

// Values under these keys are data or vendor extensions, not schemas.
const NOT_SCHEMA = new Set(['example', 'examples', 'default', 'enum', 'const']);

/** Why a default breaks a constraint of its own schema; `undefined` when it does not. */
function problem(value: unknown, schema: Record<string, unknown>): string | undefined {
  if (Array.isArray(schema.enum) && !schema.enum.some((member) => Object.is(member, value))) {
    return 'is not one of its enum values';
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      return `is below its minimum ${schema.minimum}`;
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      return `is above its maximum ${schema.maximum}`;
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength)
      return `is shorter than ${schema.minLength}`;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      return `is longer than ${schema.maxLength}`;
    if (typeof schema.pattern === 'string') {
      try {
        if (!new RegExp(schema.pattern, 'u').test(value)) return 'does not match its pattern';
      } catch {
        // The pattern check reports a pattern that does not compile.
      }
    }
  }
  return undefined;
}

/**
 * A schema's `default` must satisfy the schema's own constraints (`minimum`, `maximum`, `enum`,
 * lengths, `pattern`): generators put it into clients and forms, validators may check it. PVE's
 * `vcpus` has default 0 and minimum 1, for one. Each such default is a warning.
 */
export function checkDefaults(document: object): Finding[] {
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
    // Under `properties`, a key named "default" is a property, not the keyword.
    if ('default' in value && tokens.at(-1) !== 'properties') {
      const why = problem(value.default, value);
      if (why !== undefined) {
        findings.push({
          severity: 'warning',
          rule: 'default-invalid',
          message: `default ${JSON.stringify(value.default)} ${why}`,
          pointer: pointer(...tokens, 'default'),
        });
      }
    }
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('x-') || (NOT_SCHEMA.has(key) && tokens.at(-1) !== 'properties')) continue;
      if (typeof child === 'object' && child !== null) stack.push({ value: child, tokens: [...tokens, key] });
    }
  }
  return findings.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}
