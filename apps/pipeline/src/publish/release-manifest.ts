import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256, unlessMissing } from '@proxmox-openapi/core';

/*
 * `release-manifest.json`: what a release records about itself so that the next run can build
 * its notes without looking at the `specs/` folder that the same run may already have replaced
 * (a rerun after an interrupted `--publish`). It is listed in the release's SHA256SUMS like
 * every other file, so that a damaged release is recognised as a whole and never half-used.
 */

/** The name of the release manifest inside `dist/release/`. */
export const RELEASE_MANIFEST = 'release-manifest.json';
/** The name of the checksum list inside `dist/release/`. */
export const SHA256SUMS = 'SHA256SUMS';

/** What the release notes count their changes from. */
export type ReleaseBase = 'previous release' | 'published specs' | 'none';

/** The operations one API gained and lost. */
export interface OperationChanges {
  added: string[];
  removed: string[];
}

/** The part of the release notes that depends on what came before the release. */
export interface ReleaseComparison {
  base: ReleaseBase;
  /** Per API in the release, the operations added and removed since the base. */
  changes: Record<string, OperationChanges>;
  /** The classified changelog section (Markdown, `''` for none). */
  changelog: string;
}

/** One API as the release ships it. */
export interface ReleaseApi {
  /** sha256 of the JSON document. */
  document: string;
  /** sha256 of the apidoc snapshot it was generated from (`specs/<api>/apidoc.json`). */
  snapshot: string;
  /** Its operations, `METHOD /path`, sorted. */
  operations: string[];
}

/** The content of `release-manifest.json`. */
export interface ReleaseManifest {
  format: 1;
  /** sha256 of the `specs/manifest.json` the release was built from. */
  specsManifest: string;
  apis: Record<string, ReleaseApi>;
  comparison: ReleaseComparison;
}

/** The release found in `dist/release/` before a run: none, damaged (and why), or whole. */
export type PreviousRelease =
  | { state: 'none' }
  | { state: 'damaged'; problem: string }
  | { state: 'whole'; manifest: ReleaseManifest };

const SHA = /^[0-9a-f]{64}$/;
const BASES: readonly string[] = ['previous release', 'published specs', 'none'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Checks a parsed release manifest field by field.
 * @returns the manifest, or the first thing wrong with it (`apis.pve.document is not a sha256`).
 */
export function parseReleaseManifest(value: unknown): { manifest: ReleaseManifest } | { problem: string } {
  if (!isObject(value)) return { problem: 'it is not a JSON object' };
  if (value.format !== 1) return { problem: `format is ${JSON.stringify(value.format)}, not 1` };
  if (typeof value.specsManifest !== 'string' || !SHA.test(value.specsManifest)) {
    return { problem: 'specsManifest is not a sha256' };
  }
  if (!isObject(value.apis)) return { problem: 'apis is not an object' };
  for (const [id, api] of Object.entries(value.apis)) {
    if (!isObject(api)) return { problem: `apis.${id} is not an object` };
    for (const key of ['document', 'snapshot'] as const) {
      if (typeof api[key] !== 'string' || !SHA.test(api[key])) {
        return { problem: `apis.${id}.${key} is not a sha256` };
      }
    }
    if (!isStrings(api.operations)) return { problem: `apis.${id}.operations is not a list of strings` };
  }
  const comparison = value.comparison;
  if (!isObject(comparison)) return { problem: 'comparison is not an object' };
  if (typeof comparison.base !== 'string' || !BASES.includes(comparison.base)) {
    return { problem: `comparison.base is ${JSON.stringify(comparison.base)}` };
  }
  if (typeof comparison.changelog !== 'string') return { problem: 'comparison.changelog is not a string' };
  if (!isObject(comparison.changes)) return { problem: 'comparison.changes is not an object' };
  for (const [id, change] of Object.entries(comparison.changes)) {
    if (!isObject(change) || !isStrings(change.added) || !isStrings(change.removed)) {
      return { problem: `comparison.changes.${id} is not two lists of operations` };
    }
  }
  return { manifest: value as unknown as ReleaseManifest };
}

/** Parses `sha256sum` output (`<hex>  <name>` per line); undefined when a line is not one. */
export function parseChecksums(text: string): { name: string; sha256: string }[] | undefined {
  const entries: { name: string; sha256: string }[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) {2}([^/\\]+)$/.exec(line);
    if (!match?.[1] || !match[2]) return undefined;
    entries.push({ sha256: match[1], name: match[2] });
  }
  return entries;
}

function readOptional(path: string): Promise<Buffer | undefined> {
  return unlessMissing(readFile(path));
}

/**
 * Reads the release in `dir` and checks it as a whole: SHA256SUMS lists the release manifest,
 * every listed file is there with its sha256, and the manifest matches its schema. Any
 * difference makes the release damaged (with the first problem found); no folder at all, none.
 */
export async function readPreviousRelease(dir: string): Promise<PreviousRelease> {
  let sums: Buffer | undefined;
  try {
    sums = await readOptional(join(dir, SHA256SUMS));
  } catch (error) {
    return { state: 'damaged', problem: `${SHA256SUMS} cannot be read (${(error as Error).message})` };
  }
  if (sums === undefined) {
    // An empty or absent folder is no release; files without their checksum list are a torn one.
    const names = await readdir(dir).catch(() => []);
    return names.length === 0 ? { state: 'none' } : { state: 'damaged', problem: `${SHA256SUMS} is missing` };
  }
  const entries = parseChecksums(sums.toString('utf8'));
  if (!entries) return { state: 'damaged', problem: `${SHA256SUMS} is not a sha256sum list` };
  if (!entries.some((e) => e.name === RELEASE_MANIFEST)) {
    return {
      state: 'damaged',
      problem: `${SHA256SUMS} does not list ${RELEASE_MANIFEST} (a release made before it was recorded)`,
    };
  }
  let manifestBytes: Buffer | undefined;
  for (const entry of entries) {
    const bytes = await readOptional(join(dir, entry.name)).catch(() => undefined);
    if (bytes === undefined) return { state: 'damaged', problem: `${entry.name} is missing` };
    if (sha256(bytes) !== entry.sha256) {
      return { state: 'damaged', problem: `${entry.name} does not match its sha256 in ${SHA256SUMS}` };
    }
    if (entry.name === RELEASE_MANIFEST) manifestBytes = bytes;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestBytes?.toString('utf8') ?? '');
  } catch {
    return { state: 'damaged', problem: `${RELEASE_MANIFEST} is not JSON` };
  }
  const checked = parseReleaseManifest(parsed);
  if ('problem' in checked) return { state: 'damaged', problem: `${RELEASE_MANIFEST}: ${checked.problem}` };
  return { state: 'whole', manifest: checked.manifest };
}
