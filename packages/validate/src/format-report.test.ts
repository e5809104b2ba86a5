import { describe, expect, it } from 'vitest';
import { formatReportMarkdown, formatReportText } from './format-report.js';
import type { Finding, ValidationReport } from './types.js';

function finding(n: number, severity: Finding['severity'] = 'error'): Finding {
  return { severity, rule: `rule-${n}`, message: `problem ${n} | with a pipe`, pointer: `/paths/~1p${n}` };
}

const failed: ValidationReport = {
  valid: false,
  errors: Array.from({ length: 60 }, (_, i) => finding(i)),
  warnings: [finding(99, 'warning')],
  checks: { openapi: false, coverage: true, yaml: 'skipped' },
  operations: 646,
  durationMs: 1934.5,
};

describe('formatReportMarkdown', () => {
  it('reads as a verdict, a table of checks and a table of the first findings', () => {
    const markdown = formatReportMarkdown(failed, 'PVE');
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('### PVE: ❌ 60 errors, 1 warning');
    expect(markdown).toContain('| coverage of the apidoc | ✅ passed |');
    expect(markdown).toContain('| YAML is the same document | ➖ skipped |');
    expect(markdown).toContain('646 operations, validated in 1.93 s.');
    expect(markdown).toContain('| error | `rule-0` | `/paths/~1p0` | problem 0 \\| with a pipe |');
    // 50 rows, then a count of the rest: a job summary stays readable.
    expect(lines.filter((l) => l.startsWith('| error |'))).toHaveLength(50);
    expect(markdown).toContain('… and 11 more.');
  });

  it('says valid when it is', () => {
    const markdown = formatReportMarkdown({ ...failed, valid: true, errors: [], warnings: [] });
    expect(markdown.split('\n')[0]).toBe('### OpenAPI validation: ✅ valid (0 warnings)');
    expect(markdown).not.toContain('| severity |');
  });
});

describe('formatReportText', () => {
  it('prints one verdict line and the first problems', () => {
    const text = formatReportText(failed, 2);
    expect(text.split('\n')).toEqual([
      'INVALID: 646 operations, 60 errors, 1 warning (openapi failed, coverage passed, yaml skipped) in 1.93 s',
      '  error   rule-0: problem 0 | with a pipe [/paths/~1p0]',
      '  error   rule-1: problem 1 | with a pipe [/paths/~1p1]',
      '  … and 59 more',
      '',
    ]);
  });
});
