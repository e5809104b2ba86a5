import { type ApiTarget, apiTokenHeaderExample, outdatedSnapshotWarning } from '@proxmox-openapi/core';
import { type SpecStats, STATS_END, STATS_START, updateReadme } from '@proxmox-openapi/readme-stats';

/** The loud banner of a document generated from a known-outdated snapshot, or none. */
export function outdatedBanner(target: ApiTarget, sourceDate: string | undefined): string | undefined {
  const warning = outdatedSnapshotWarning(target, sourceDate);
  return warning === undefined ? undefined : `> **WARNING: OUTDATED SCHEMA (${target.id}).** ${warning}`;
}

/**
 * The whole README of one API's folder in `specs/`, written anew on every run from the
 * target's registry entry and the statistics: the outdated-snapshot banner when it applies,
 * what the files are, how the product authenticates, the product's notes, then the statistics
 * between the markers. Generated, never edited by hand, so that a fact that stops being true
 * (a snapshot replaced by a live fetch) leaves the README on the next run.
 */
export function apiReadme(target: ApiTarget, stats: SpecStats): string {
  const day = stats.sourceDate ? stats.sourceDate.slice(0, 10) : 'an unknown date';
  const banner = outdatedBanner(target, stats.sourceDate);
  const token = apiTokenHeaderExample(target);
  const ticket =
    target.auth.ticketDelivery === 'http-only-cookie'
      ? 'that `POST /access/ticket` sets as an HttpOnly cookie'
      : 'that `POST /access/ticket` returns';
  const lines = [
    `# ${target.name} API: OpenAPI documents`,
    '',
    ...(banner ? [banner, ''] : []),
    `\`${target.outputs.json}\` and \`${target.outputs.yaml}\` describe the ${target.name} API (served`,
    `under \`${target.basePath}\` on port ${target.defaultPort}). \`apidoc.json\` is the API viewer schema`,
    `they were generated from, of ${day}; \`apidoc.meta.json\` says where and when it was fetched. The`,
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
