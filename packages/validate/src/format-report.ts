import type { Finding, ValidationReport } from './types.js';

/** Rows of findings a Markdown report lists: a job summary is for reading, the JSON has them all. */
const MARKDOWN_ROWS = 50;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function checkWord(result: boolean | 'skipped'): string {
  return result === 'skipped' ? 'skipped' : result ? 'passed' : 'failed';
}

function checkIcon(result: boolean | 'skipped'): string {
  return result === 'skipped' ? '➖ skipped' : result ? '✅ passed' : '❌ failed';
}

/** A Markdown table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The errors first, then the warnings: the order both formats list findings in. */
function ordered(report: ValidationReport): Finding[] {
  return [...report.errors, ...report.warnings];
}

/**
 * A Markdown section for a GitHub job summary (or a PR comment): the verdict, one row per
 * group of checks, and a table of the first findings with their rule and JSON pointer.
 */
export function formatReportMarkdown(report: ValidationReport, title = 'OpenAPI validation'): string {
  const verdict = report.valid
    ? `✅ valid (${plural(report.warnings.length, 'warning')})`
    : `❌ ${plural(report.errors.length, 'error')}, ${plural(report.warnings.length, 'warning')}`;
  const lines = [
    `### ${title}: ${verdict}`,
    '',
    '| check | result |',
    '| --- | --- |',
    `| OpenAPI rules (Redocly \`recommended\`, patterns, path shape) | ${checkIcon(report.checks.openapi)} |`,
    `| coverage of the apidoc | ${checkIcon(report.checks.coverage)} |`,
    `| YAML is the same document | ${checkIcon(report.checks.yaml)} |`,
    '',
    `${plural(report.operations, 'operation')}, validated in ${seconds(report.durationMs)}.`,
  ];
  const findings = ordered(report);
  if (findings.length > 0) {
    lines.push('', '| severity | rule | where | problem |', '| --- | --- | --- | --- |');
    for (const f of findings.slice(0, MARKDOWN_ROWS)) {
      lines.push(`| ${f.severity} | \`${f.rule}\` | \`${cell(f.pointer || '/')}\` | ${cell(f.message)} |`);
    }
    if (findings.length > MARKDOWN_ROWS) lines.push('', `… and ${findings.length - MARKDOWN_ROWS} more.`);
  }
  return `${lines.join('\n')}\n`;
}

/** A short plain-text summary for a terminal: one verdict line, then the first `limit` findings. */
export function formatReportText(report: ValidationReport, limit = 10): string {
  const { checks } = report;
  const lines = [
    `${report.valid ? 'valid' : 'INVALID'}: ${plural(report.operations, 'operation')}, ` +
      `${plural(report.errors.length, 'error')}, ${plural(report.warnings.length, 'warning')} ` +
      `(openapi ${checkWord(checks.openapi)}, coverage ${checkWord(checks.coverage)}, yaml ${checkWord(checks.yaml)}) ` +
      `in ${seconds(report.durationMs)}`,
  ];
  const findings = ordered(report);
  for (const f of findings.slice(0, Math.max(0, limit))) {
    lines.push(
      `  ${f.severity === 'error' ? 'error  ' : 'warning'} ${f.rule}: ${f.message} [${f.pointer || '/'}]`,
    );
  }
  if (findings.length > limit) lines.push(`  … and ${findings.length - Math.max(0, limit)} more`);
  return `${lines.join('\n')}\n`;
}
