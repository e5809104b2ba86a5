import { CHANGE_LEVELS, type Change, type ChangelogSection } from '../changelog.js';
import type { PublishedApi } from '../published-api.js';
import { escapeHtml, inlineCode, navigation, sitePage, thousands } from './html.js';

function changeRow(change: Change): string {
  const { method, path } = change.operation;
  return `<tr data-level="${change.level}" data-path="${escapeHtml(path)}">
<td><span class="level level-${change.level}">${change.level}</span></td>
<td><span class="method">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></td>
<td>${inlineCode(change.message)}${change.location ? `<br><span class="rule">${escapeHtml(change.location)}</span>` : ''}</td>
<td class="rule">${escapeHtml(change.rule)}</td>
</tr>`;
}

function sectionBlock(section: ChangelogSection, index: number): string {
  const { from, to, summary } = section;
  const counts = CHANGE_LEVELS.map((level) => `${thousands(summary[level])} ${level}`).join(', ');
  const table = section.changes.length
    ? `<table class="changes">
<thead><tr><th>level</th><th>operation</th><th>change</th><th>rule</th></tr></thead>
<tbody>
${section.changes.map(changeRow).join('\n')}
</tbody>
</table>`
    : '<p class="muted">No differences.</p>';
  return `<section class="release" id="release-${index}">
<h2>${escapeHtml(from.label)} (${escapeHtml(from.date)}) → ${escapeHtml(to.label)} (${escapeHtml(to.date)})</h2>
<p class="muted">${summary.line ? escapeHtml(summary.line) : counts}</p>
<p class="shown muted" hidden></p>
${table}
</section>`;
}

/**
 * `<id>/changes.html`: every compared release pair, newest first, each with its changes breaking
 * first. The whole list is in the HTML (it reads without JavaScript); `assets/changes.js` adds the
 * level and path filters.
 */
export function changesPage(api: PublishedApi): string {
  const changelog = api.changelog;
  if (!changelog) throw new Error(`${api.id} has no changelog`);
  const levels = CHANGE_LEVELS.map(
    (level) =>
      `<label><input type="checkbox" name="level" value="${level}" checked> <span class="level level-${level}">${level}</span></label>`,
  ).join('\n');
  return sitePage({
    title: `${api.name} API: what changed`,
    root: '../',
    script: 'assets/changes.js',
    body: `${navigation('../', { id: api.id, name: api.name, hasChanges: true })}
<main>
<h1>${escapeHtml(api.name)} API: what changed</h1>
<p>Differences between consecutive releases of the API schema, classified for a client written
against the older release: <strong>breaking</strong> (such a client may fail), <strong>warning</strong>
(it may behave differently), <strong>info</strong> (additions).</p>
<form class="filters" id="filters" role="search">
${levels}
<label>path <input type="search" name="path" placeholder="/nodes/{node}/qemu" autocomplete="off"></label>
<output name="count" class="muted"></output>
</form>
${changelog.sections.length ? changelog.sections.map(sectionBlock).join('\n') : '<p class="muted">No releases compared yet.</p>'}
</main>`,
  });
}
