import { API_TARGETS } from '@proxmox-openapi/core';
import type { SpecStats } from './types.js';

/** 1234567 → `1,234,567`, without depending on the machine's locale. */
export function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A byte count for people: `3,301,234 bytes (3.1 MiB)`. */
function size(bytes: number): string {
  if (bytes === 0) return 'none';
  const mib = bytes / 1024 / 1024;
  const human = mib >= 1 ? `${mib.toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
  return `${thousands(bytes)} bytes (${human})`;
}

/** The UTC day of a date (ISO `2026-08-16T10:00:00Z` or HTTP `Sun, 16 Aug 2026 …`); other text as it is. */
export function day(date: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const time = Date.parse(date);
  return Number.isNaN(time) ? date || 'unknown' : new Date(time).toISOString().slice(0, 10);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function methods(stats: SpecStats): string {
  return Object.entries(stats.operationsByMethod)
    .map(([method, count]) => `${method} ${thousands(count)}`)
    .join(', ');
}

/** The per-API README section: one table of the numbers, one of the operations per group. */
export function renderApiSection(stats: SpecStats): string[] {
  const source = stats.sourceUrl ? `<${stats.sourceUrl}>` : 'unknown';
  const lines = [
    '| | |',
    '| --- | --- |',
    `| document | ${cell(stats.title || stats.api)}, OpenAPI ${cell(stats.openapi)} |`,
    `| paths | ${thousands(stats.paths)} |`,
    `| operations | ${thousands(stats.operations)} (${methods(stats)}) |`,
    `| parameters | ${thousands(stats.parameters)} |`,
    `| named schemas | ${thousands(stats.schemas)} |`,
    `| JSON | ${size(stats.jsonBytes)} |`,
    `| YAML | ${size(stats.yamlBytes)} |`,
    `| source | ${cell(source)} |`,
    `| source sha256 | ${stats.sourceSha256 ? `\`${stats.sourceSha256}\`` : 'unknown'} |`,
    `| source date | ${cell(day(stats.sourceDate))} |`,
    `| generator | ${cell(stats.generatorVersion || 'unknown')} |`,
    '',
    '| group | operations |',
    '| --- | ---: |',
  ];
  for (const [group, count] of Object.entries(stats.operationsByGroup)) {
    lines.push(`| \`${group === '/' ? '/' : `/${group}`}\` | ${thousands(count)} |`);
  }
  return lines;
}

const ROOT_HEADER = [
  '| API | document | OpenAPI | paths | operations | GET | POST | PUT | DELETE | parameters | schemas | JSON | YAML | source date |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
];

/** The first cell of a root table row names its API: `` | `pve` | … ``. */
const ROW_API = /^\| `([^`]+)` \|/;

function rootRow(stats: SpecStats): string {
  const by = stats.operationsByMethod;
  const kib = (bytes: number): string => (bytes === 0 ? '–' : `${thousands(Math.round(bytes / 1024))} KiB`);
  return `| \`${stats.api}\` | ${cell(stats.title)} | ${cell(stats.openapi)} | ${thousands(stats.paths)} | ${thousands(stats.operations)} | ${thousands(by.GET ?? 0)} | ${thousands(by.POST ?? 0)} | ${thousands(by.PUT ?? 0)} | ${thousands(by.DELETE ?? 0)} | ${thousands(stats.parameters)} | ${thousands(stats.schemas)} | ${kib(stats.jsonBytes)} | ${kib(stats.yamlBytes)} | ${cell(day(stats.sourceDate))} |`;
}

/** Registered targets in registry order (PVE before PBS), others after them by name. */
function apiOrder(a: string, b: string): number {
  const rank = (id: string): number => {
    const index = API_TARGETS.findIndex((t) => t.id === id);
    return index === -1 ? API_TARGETS.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The root README table, one row per API. Rows already in the table for APIs not given this
 * time are kept as they are, so refreshing one API does not drop the others.
 */
export function renderRootTable(all: readonly SpecStats[], previous: string): string[] {
  const rows = new Map<string, string>();
  for (const line of previous.split(/\r?\n/)) {
    const api = ROW_API.exec(line)?.[1];
    if (api !== undefined) rows.set(api, line);
  }
  for (const stats of all) rows.set(stats.api, rootRow(stats));
  return [...ROOT_HEADER, ...[...rows].sort(([a], [b]) => apiOrder(a, b)).map(([, row]) => row)];
}
