import type { ApiChange, ApiDiff, ChangeLevel, Changelog, VersionLabel } from './types.js';
import { CHANGE_LEVELS } from './types.js';

const TITLES: Record<ChangeLevel, string> = { breaking: 'Breaking', warning: 'Warnings', info: 'Info' };

/** Above this many changes, a level's list is folded (`<details>`) so that the page stays readable. */
const FOLD_ABOVE = 20;

function version(label: VersionLabel): string {
  return label.date ? `${label.label} (${label.date})` : label.label;
}

function changeLine(change: ApiChange): string {
  return `- \`${change.operation.method}\` ${change.message} (\`${change.rule}\`)`;
}

/** The changes of one level, grouped by path (paths sorted, as the changes are). */
function levelSection(level: ChangeLevel, changes: readonly ApiChange[], depth: number): string[] {
  const lines = [`${'#'.repeat(depth)} ${TITLES[level]} (${changes.length})`, ''];
  const fold = level === 'info' && changes.length > FOLD_ABOVE;
  if (fold) lines.push(`<details><summary>${changes.length} changes</summary>`, '');
  let path: string | undefined;
  for (const change of changes) {
    if (change.operation.path !== path) {
      if (path !== undefined) lines.push('');
      path = change.operation.path;
      lines.push(`${'#'.repeat(depth + 1)} \`${path}\``, '');
    }
    lines.push(changeLine(change));
  }
  lines.push('');
  if (fold) lines.push('</details>', '');
  return lines;
}

/**
 * One diff for people: a heading, the summary line, then the changes by level (breaking first),
 * grouped by path. `depth` is the heading level of the diff's title (the levels go one deeper).
 */
export function renderDiffMarkdown(diff: ApiDiff, depth = 2): string {
  const lines = [
    `${'#'.repeat(depth)} ${version(diff.from)} → ${version(diff.to)}`,
    '',
    diff.summary.line,
    '',
  ];
  if (diff.changes.length === 0) lines.push('No change.', '');
  for (const level of CHANGE_LEVELS) {
    const changes = diff.changes.filter((c) => c.level === level);
    if (changes.length > 0) lines.push(...levelSection(level, changes, depth + 1));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A changelog as the text of `CHANGELOG.md`: a short introduction, then one section per pair, newest first. */
export function renderChangelogMarkdown(changelog: Changelog, introduction: string): string {
  const parts = [`# ${changelog.api.toUpperCase()} API changelog\n\n${introduction.trim()}\n`];
  for (const section of changelog.sections) parts.push(renderDiffMarkdown(section, 2));
  return parts.join('\n');
}
