import type { TestContext } from 'vitest';

/** One row of the hardening table: a case, what it had to produce and what it produced. */
export interface HardeningRecord {
  /** corpus, http-fault, crash, full-disk, property. */
  category: string;
  case: string;
  expected: string;
  produced: string;
}

declare module 'vitest' {
  interface TaskMeta {
    hardening?: HardeningRecord[];
  }
}

/**
 * Records what a case produced on the running test, for the table that
 * table-reporter.ts prints (a test may record several rows, e.g. one per command).
 */
export function record(context: Pick<TestContext, 'task'>, row: HardeningRecord): void {
  context.task.meta.hardening ??= [];
  context.task.meta.hardening.push(row);
}

/** Cuts a produced message to fit a table cell, on one line. */
export function cell(text: string, max = 110): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
