import type { ApiSchema } from '@proxmox-openapi/core';
import { type ChangeSink, quote } from './change-sink.js';
import { readDescription, readType } from './normalize.js';
import type { RuleId } from './rules.js';

/*
 * The facts of a schema that a request parameter and a response property compare the same way,
 * each under its own rule.
 */

/** Two versions of one schema, where they stand (`parameter net[n]`) and how a message names it. */
export interface ComparedSchemas {
  sink: ChangeSink;
  where: string;
  what: string;
  old: ApiSchema;
  next: ApiSchema;
}

/**
 * The types of two versions of a schema; a change is recorded under `rule` when both are known
 * and differ (a type that appears or disappears is not a change of type).
 */
export function compareTypes(
  { sink, where, what, old, next }: ComparedSchemas,
  rule: RuleId,
): { oldType: string | undefined; newType: string | undefined } {
  const oldType = readType(old);
  const newType = readType(next);
  if (oldType !== undefined && newType !== undefined && oldType !== newType) {
    sink.add(
      rule,
      where,
      oldType,
      newType,
      `${what} type changed from ${quote(oldType)} to ${quote(newType)}`,
    );
  }
  return { oldType, newType };
}

/** A changed description (whitespace collapsed), recorded under `rule` when the sink reports descriptions. */
export function compareDescriptions({ sink, where, what, old, next }: ComparedSchemas, rule: RuleId): void {
  if (!sink.descriptions) return;
  const before = readDescription(old);
  const after = readDescription(next);
  if (before !== after) sink.add(rule, where, before, after, `${what} description changed`);
}
