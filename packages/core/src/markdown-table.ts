/**
 * Rows (the first is the header) as a Markdown table with padded columns: how every bench of
 * the repository prints what it measured.
 */
export function markdownTable(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(3, ...rows.map((r) => (r[i] ?? '').length))) ?? [];
  // Every line has every column: a short row is padded with empty cells.
  const line = (r: readonly string[]): string =>
    `| ${widths.map((w, i) => (r[i] ?? '').padEnd(w)).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
