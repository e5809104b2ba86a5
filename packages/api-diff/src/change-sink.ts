import type { HttpMethod, JsonValue } from '@proxmox-openapi/core';
import { RULES, type RuleId } from './rules.js';
import type { ApiChange } from './types.js';

/** Collects the changes of one operation; the rule decides level and side. */
export class ChangeSink {
  readonly changes: ApiChange[] = [];

  constructor(
    readonly operation: { method: HttpMethod; path: string },
    /** Whether description changes are reported. */
    readonly descriptions: boolean,
  ) {}

  /** Records one change; `undefined` values become `null` (absent). */
  add(
    rule: RuleId,
    location: string,
    old: JsonValue | undefined,
    next: JsonValue | undefined,
    message: string,
  ) {
    const { level, side } = RULES[rule];
    this.changes.push({
      rule,
      level,
      side,
      operation: { ...this.operation },
      location,
      old: old ?? null,
      new: next ?? null,
      message,
    });
  }
}

/** A value quoted for a message: `` `value` ``, or "none" when absent. */
export function quote(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return 'none';
  // One line: a message is one Markdown list item (the value itself stays exact in old/new).
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(/\s*\n\s*/g, ' ');
  // Markdown code spans: a value that holds a backtick needs a longer fence and spaces.
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** A list of values for a message: the first five quoted, then how many more. */
export function quoteList(values: readonly JsonValue[]): string {
  const shown = values.slice(0, 5).map(quote).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

/** The members of `a` that are not in `b` (compared as canonical JSON), in `a`'s order. */
export function missingFrom(a: readonly JsonValue[], b: readonly JsonValue[], key: (v: JsonValue) => string) {
  const present = new Set(b.map(key));
  return a.filter((v) => !present.has(key(v)));
}
