/** Rows (the first is the header) as a Markdown table with padded columns, as the benches print. */
export function markdownTable(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(3, ...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: readonly string[]): string =>
    `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
