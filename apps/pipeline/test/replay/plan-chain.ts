/** One call of a recorded query's chain: `withExec (args: ["pnpm","install"])` → `{ field, args }`. */
export interface PlanStep {
  readonly field: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/**
 * The calls of one query that the SDK sent, outermost first. The SDK sends each lazy object as
 * one chain of single selections (`{ container { from (…) { withExec (…) { stdout } } } }`), so
 * the chain is read left to right; argument values are GraphQL literals: strings, lists, enums
 * (returned as their names), numbers and booleans.
 */
export function parsePlanChain(query: string): PlanStep[] {
  const steps: PlanStep[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < query.length && /[\s,{}]/.test(query[i] as string)) i++;
  };
  const name = (): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(i));
    if (!m) throw new Error(`plan query: expected a name at ${i}: ${query.slice(i, i + 40)}`);
    i += m[0].length;
    return m[0];
  };
  const value = (): unknown => {
    while (/\s/.test(query[i] as string)) i++;
    const c = query[i];
    if (c === '"') {
      let j = i + 1;
      while (query[j] !== '"') j += query[j] === '\\' ? 2 : 1;
      const text = JSON.parse(query.slice(i, j + 1)) as string;
      i = j + 1;
      return text;
    }
    if (c === '[') {
      i++;
      const list: unknown[] = [];
      for (;;) {
        while (/[\s,]/.test(query[i] as string)) i++;
        if (query[i] === ']') {
          i++;
          return list;
        }
        list.push(value());
      }
    }
    const m = /^-?[0-9.]+|^[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(i));
    if (!m) throw new Error(`plan query: unexpected value at ${i}: ${query.slice(i, i + 40)}`);
    i += m[0].length;
    if (m[0] === 'true' || m[0] === 'false') return m[0] === 'true';
    return /^-?[0-9]/.test(m[0]) ? Number(m[0]) : m[0];
  };
  for (skipSpace(); i < query.length; skipSpace()) {
    const field = name();
    while (/\s/.test(query[i] as string)) i++;
    const args: Record<string, unknown> = {};
    if (query[i] === '(') {
      i++;
      for (;;) {
        while (/[\s,]/.test(query[i] as string)) i++;
        if (query[i] === ')') {
          i++;
          break;
        }
        const key = name();
        while (/[\s:]/.test(query[i] as string)) i++;
        args[key] = value();
      }
    }
    steps.push({ field, args });
  }
  return steps;
}
