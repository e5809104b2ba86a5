import type { ApiChange } from '@proxmox-openapi/api-diff';
import type { TargetOutcome } from '../engines/engine.js';

/*
 * What changed in each API since the specs published before the run (the diff stage's result),
 * for the places a run reports to: the terminal, the step summary and the refresh pull request
 * (the summary line and the breaking changes), and the release notes (the whole changelog).
 */

function changeText(change: ApiChange): string {
  return `${change.operation.method} ${change.operation.path} ${change.message} (${change.rule})`;
}

/** The terminal lines: per API its summary line (or "no change") and each breaking change. */
export function formatChangesText(outcomes: readonly TargetOutcome[]): string[] {
  const lines: string[] = [];
  for (const o of outcomes) {
    if (!o.diff) continue;
    const { summary, breaking } = o.diff;
    const total = summary.breaking + summary.warning + summary.info;
    lines.push(
      `${o.api}: ${total === 0 ? `no change since the published specs (${summary.line})` : summary.line}`,
    );
    for (const change of breaking) lines.push(`  breaking: ${changeText(change)}`);
  }
  return lines;
}

/**
 * Markdown for the step summary and the pull request body: a heading, then per API its summary
 * line and its breaking changes; "No change." for an API without any.
 */
export function formatChangesMarkdown(outcomes: readonly TargetOutcome[], depth = 3): string {
  const diffs = outcomes.filter((o) => o.diff);
  if (diffs.length === 0) return '';
  const lines = [`${'#'.repeat(depth)} Changes since the published specs`, ''];
  for (const o of diffs) {
    if (!o.diff) continue;
    const { summary, breaking } = o.diff;
    lines.push(`**${o.api}**: ${summary.line}`, '');
    if (summary.breaking + summary.warning + summary.info === 0) {
      lines.push('No change.', '');
      continue;
    }
    if (breaking.length === 0) {
      lines.push('No breaking change.', '');
      continue;
    }
    lines.push(`Breaking changes (${breaking.length}):`, '');
    for (const c of breaking) {
      lines.push(`- \`${c.operation.method} ${c.operation.path}\` ${c.message} (\`${c.rule}\`)`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * The release notes' changelog part: per API the whole classified diff (summary line, breaking,
 * warnings, info, grouped by path; "No change." when none). Empty when no API had a published
 * version to compare with.
 */
export function formatReleaseChangelog(outcomes: readonly TargetOutcome[]): string {
  const diffs = outcomes.filter((o) => o.diff);
  if (diffs.length === 0) return '';
  const lines = ['## Changelog of this release', ''];
  for (const o of diffs) lines.push(o.diff?.markdown.trimEnd() ?? '', '');
  return `${lines.join('\n').trimEnd()}\n`;
}
