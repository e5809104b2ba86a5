import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { HardeningRecord } from './support/record.js';

interface Row extends HardeningRecord {
  result: string;
}

const COLUMNS: (keyof Row)[] = ['category', 'case', 'expected', 'produced', 'result'];
// Long cells wrap onto continuation lines of these widths, so the table stays readable in a CI log.
const MAX_WIDTH: Record<keyof Row, number> = {
  category: 10,
  case: 58,
  expected: 46,
  produced: 84,
  result: 6,
};

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (let rest = text; rest.length > 0; rest = rest.slice(width)) lines.push(rest.slice(0, width));
  return lines.length > 0 ? lines : [''];
}

function rowsOf(test: TestCase): Row[] {
  const state = test.result().state;
  const result = state === 'passed' ? 'pass' : state === 'failed' ? 'FAIL' : state;
  const recorded = test.meta().hardening;
  if (recorded && recorded.length > 0) return recorded.map((row) => ({ ...row, result }));
  // A test that failed before it could record what it produced still gets its row.
  const category = test.module.moduleId.replace(/^.*\/hardening\//, '').replace(/\.test\.ts$/, '');
  return [{ category, case: test.name, expected: '(see the test)', produced: state, result }];
}

/**
 * Prints one table of every hardening case after the run: what was tried, what it had to
 * produce, what it produced and whether that passed; then the totals per category. The tests
 * record their rows on the test's meta (support/record.ts); this reporter only formats them.
 */
export default class HardeningTableReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    // Skipped tests (a -t filter, .skip) were not tried: they get no row.
    const tried = modules.flatMap((module) =>
      [...module.children.allTests()].filter((test) => !['skipped', 'pending'].includes(test.result().state)),
    );
    const rows = tried.flatMap(rowsOf);
    if (rows.length === 0) return;
    const widths = COLUMNS.map((column) =>
      Math.min(MAX_WIDTH[column], Math.max(column.length, ...rows.map((row) => String(row[column]).length))),
    );
    const line = (cells: string[]): string =>
      cells
        .map((text, i) => text.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    const out: string[] = ['', 'hardening cases', line(COLUMNS), line(widths.map((w) => '-'.repeat(w)))];
    for (const row of rows) {
      const cells = COLUMNS.map((column) => wrap(String(row[column]), MAX_WIDTH[column]));
      const height = Math.max(...cells.map((c) => c.length));
      for (let i = 0; i < height; i++) out.push(line(cells.map((c) => c[i] ?? '')));
    }
    const categories = [...new Set(rows.map((row) => row.category))];
    out.push('');
    for (const category of categories) {
      const mine = rows.filter((row) => row.category === category);
      const passed = mine.filter((row) => row.result === 'pass').length;
      out.push(
        `${category.padEnd(12)} ${String(mine.length).padStart(4)} tried  ${String(passed).padStart(4)} passed`,
      );
    }
    const passed = rows.filter((row) => row.result === 'pass').length;
    out.push(
      `${'total'.padEnd(12)} ${String(rows.length).padStart(4)} tried  ${String(passed).padStart(4)} passed`,
      '',
    );
    process.stdout.write(`${out.join('\n')}\n`);
  }
}
