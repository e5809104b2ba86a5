import type { HttpMethod, JsonValue } from '@proxmox-openapi/core';
import type { RuleId } from './rules.js';

/** How much a change can hurt a client that worked against the old version. */
export type ChangeLevel = 'breaking' | 'warning' | 'info';

/** Which part of an operation a change is about. */
export type ChangeSide = 'request' | 'response' | 'access';

/** The levels from the most to the least severe: the order of every sorted list. */
export const CHANGE_LEVELS: readonly ChangeLevel[] = Object.freeze(['breaking', 'warning', 'info']);

/** One classified difference between two versions of an API (the changelog JSON contract). */
export interface ApiChange {
  /** A stable kebab-case rule id (see `RULES`). */
  rule: RuleId;
  level: ChangeLevel;
  side: ChangeSide;
  operation: { method: HttpMethod; path: string };
  /**
   * Where in the operation: `""` for the operation itself, `parameter net[n]`,
   * `parameter net[n] key model`, `returns[].vmid`, `permissions`, `allowtoken`, …
   */
  location: string;
  /** The value before (any JSON value; `null` when it did not exist or does not matter). */
  old: JsonValue;
  /** The value after. */
  new: JsonValue;
  /** One line for people, with names in backticks. */
  message: string;
}

/** A version of an API as the changelog names it. */
export interface VersionLabel {
  /** Such as `pve-docs 9.0.8`: the pve-docs package version, not a PVE release number. */
  label: string;
  /** The day of that schema, `YYYY-MM-DD`. */
  date: string;
}

/** The counts of one diff, and its one-line summary. */
export interface DiffSummary {
  operationsAdded: number;
  operationsRemoved: number;
  breaking: number;
  warning: number;
  info: number;
  /** `PVE pve-docs 8.3.2 → pve-docs 9.0.8: 41 operations added, 0 removed; 7 breaking, 12 warnings, 230 info` */
  line: string;
}

/** The difference between two versions: one section of the changelog. */
export interface ApiDiff {
  from: VersionLabel;
  to: VersionLabel;
  summary: DiffSummary;
  /** Sorted: level (breaking first), path, method, rule, location, then old and new values. */
  changes: ApiChange[];
}

/** Options of `diffApis`. */
export interface DiffOptions {
  /** The API id, for the summary line (`pve` → `PVE`). Default: none, the line starts with the labels. */
  api?: string;
  /** The old version's label. Default `{ label: 'old', date: '' }`. */
  from?: VersionLabel;
  /** The new version's label. Default `{ label: 'new', date: '' }`. */
  to?: VersionLabel;
  /** Report description changes (level info). Default true. */
  descriptions?: boolean;
}

/** The changelog of an API over several versions: `specs/<api>/changelog.json`. */
export interface Changelog {
  schema: 1;
  api: string;
  /** Newest first. */
  sections: ApiDiff[];
}
