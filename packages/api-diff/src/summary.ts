import type { ApiChange, DiffSummary, VersionLabel } from './types.js';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The counts and the one-line summary of a diff:
 * `PVE pve-docs 8.3.2 → pve-docs 9.0.8: 41 operations added, 0 removed; 7 breaking, 12 warnings, 230 info`.
 */
export function summarize(
  api: string,
  from: VersionLabel,
  to: VersionLabel,
  operationsAdded: number,
  operationsRemoved: number,
  changes: readonly ApiChange[],
): DiffSummary {
  let breaking = 0;
  let warning = 0;
  let info = 0;
  for (const change of changes) {
    if (change.level === 'breaking') breaking++;
    else if (change.level === 'warning') warning++;
    else info++;
  }
  const line =
    `${api === '' ? '' : `${api.toUpperCase()} `}${from.label} → ${to.label}: ` +
    `${plural(operationsAdded, 'operation', 'operations')} added, ${operationsRemoved} removed; ` +
    `${breaking} breaking, ${plural(warning, 'warning', 'warnings')}, ${info} info`;
  return { operationsAdded, operationsRemoved, breaking, warning, info, line };
}
