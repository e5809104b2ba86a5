import {
  type ApiTarget,
  apiDocumentFileName,
  apiTokenHeaderExample,
  outdatedSnapshotWarning,
  SPECS_LAYOUT,
} from '@proxmox-openapi/core';
import { STATS_END, STATS_START } from './markers.js';
import type { SpecStats } from './types.js';
import { updateReadme } from './update-readme.js';

/** The loud banner of a document generated from a known-outdated snapshot, or none. */
export function outdatedBanner(target: ApiTarget, sourceDate: string | undefined): string | undefined {
  const warning = outdatedSnapshotWarning(target, sourceDate);
  return warning === undefined ? undefined : `> **WARNING: OUTDATED SCHEMA (${target.id}).** ${warning}`;
}

const SNAPSHOT = `\`${SPECS_LAYOUT.snapshot}\``;
const SNAPSHOT_META = `\`${SPECS_LAYOUT.snapshotMeta}\``;

/** What a registered target's README says beyond the files: the snapshot, authentication, notes. */
function targetSections(target: ApiTarget, day: string): string[] {
  const token = apiTokenHeaderExample(target);
  const ticket =
    target.auth.ticketDelivery === 'http-only-cookie'
      ? 'that `POST /access/ticket` sets as an HttpOnly cookie'
      : 'that `POST /access/ticket` returns';
  return [
    `\`${target.outputs.json}\` and \`${target.outputs.yaml}\` describe the ${target.name} API (served`,
    `under \`${target.basePath}\` on port ${target.defaultPort}). ${SNAPSHOT} is the API viewer schema`,
    `they were generated from, of ${day}; ${SNAPSHOT_META} says where and when it was fetched. The`,
    `committed snapshot is the schema of ${target.snapshot.release} as of ${target.snapshot.date}; a`,
    'successful live fetch replaces it. The pipeline writes this README on every run.',
    '',
    '## Authentication',
    '',
    token
      ? `- API token: \`Authorization: ${token}\` (the secret follows a \`${target.auth.apiToken?.separator}\`).`
      : `- API token: none, ${target.name} has no API tokens.`,
    `- Ticket: the \`${target.auth.cookie}\` cookie ${ticket}, plus the \`CSRFPreventionToken\` header for POST, PUT and DELETE.`,
    ...(target.notes.length > 0
      ? ['', '## Good to know', '', ...target.notes.map((note) => `- ${note}`)]
      : []),
  ];
}

/**
 * The README of one API's folder in `specs/`, the one template for every writer of such a
 * folder: the heading, the outdated-snapshot banner when it applies, what the files are and,
 * for a registered target, where it is served, how it authenticates and the product's notes;
 * then the statistics between the markers. For an API outside the registry (`target`
 * undefined) the heading names the document's title. Written anew from the registry and the
 * statistics, so that a fact that stops being true (a snapshot replaced by a live fetch) leaves
 * the README on the next run.
 */
export function apiReadme(stats: SpecStats, target?: ApiTarget): string {
  const day = stats.sourceDate ? stats.sourceDate.slice(0, 10) : 'an unknown date';
  const name = target?.name ?? (stats.title || stats.api);
  const banner = target ? outdatedBanner(target, stats.sourceDate) : undefined;
  const files = (format: 'json' | 'yaml') => `\`${apiDocumentFileName(stats.api, format)}\``;
  const lines = [
    `# ${name} API: OpenAPI documents`,
    '',
    ...(banner ? [banner, ''] : []),
    ...(target
      ? targetSections(target, day)
      : [
          `${files('json')} and ${files('yaml')} describe the ${name} API. ${SNAPSHOT} is the API viewer schema`,
          `they were generated from, of ${day}; ${SNAPSHOT_META} says where and when it was fetched. The`,
          'statistics between the markers are rewritten on every run.',
        ]),
    '',
    STATS_START,
    STATS_END,
    '',
  ];
  return updateReadme(lines.join('\n'), stats);
}

/**
 * The root README's statistics section with one loud line below the table for each API whose
 * document comes from a known-outdated snapshot. The lines sit between the markers, so the
 * next run's table replaces them with what is true then.
 */
export function withOutdatedLines(text: string, banners: readonly string[]): string {
  if (banners.length === 0) return text;
  const end = text.indexOf(STATS_END);
  if (end < 0) return text;
  return `${text.slice(0, end)}${banners.join('\n\n')}\n\n${text.slice(end)}`;
}
