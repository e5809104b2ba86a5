import type { TargetOutcome } from '../engines/engine.js';
import { formatReleaseChangelog } from '../report/api-changes.js';
import type { PublishedApi } from './release.js';
import type { OperationChanges, PreviousRelease, ReleaseApi, ReleaseComparison } from './release-manifest.js';

/*
 * What a release's notes compare with. The notes must come out the same whether a run went
 * through at once or was killed and run again, at any moment: before `specs/` was switched,
 * after it, or after `dist/release/` was. Three rules give that:
 *
 * 1. A release that ships the same documents (and snapshots) as the one already in
 *    `dist/release/` is the same release: its recorded comparison is kept as it is. This is the
 *    rerun after a kill that came after the new release was in place (or was rolled forward by
 *    recovery): comparing it with itself would say that nothing changed.
 * 2. Otherwise the previous release, whole (release-manifest.json and every file by its
 *    sha256), is the base: the operations from its manifest. The classified changelog is the diff
 *    stage's, which compares with the specs published before the run; it is kept for each API
 *    whose published snapshot is the previous release's, and left out (with a line saying so)
 *    for the others, rather than describe a different base.
 * 3. With no release, or a damaged one (reported by the run, never half-used), the base is the
 *    specs published before the run, read before the switch; with no specs either, none. The
 *    release is built and committed before `specs/` is switched (release-staging.ts), so a run
 *    killed after the switch leaves a release that recovery rolls forward, and rule 1 applies.
 */

/** The inputs of {@link compareRelease}. */
export interface ComparisonInput {
  previous: PreviousRelease;
  /** The APIs of the release being built. */
  apis: Record<string, ReleaseApi>;
  /** The APIs published in `specs/` before this run. */
  published: Record<string, PublishedApi>;
  /** The targets' outcomes: each `diff` compares with the published snapshot. */
  outcomes: readonly TargetOutcome[];
}

function operationChanges(before: readonly string[], now: readonly string[]): OperationChanges {
  const had = new Set(before);
  const has = new Set(now);
  return {
    added: now.filter((op) => !had.has(op)),
    removed: [...had].filter((op) => !has.has(op)).sort(),
  };
}

/** True when two releases ship the same APIs with the same documents and snapshots. */
export function sameRelease(a: Record<string, ReleaseApi>, b: Record<string, ReleaseApi>): boolean {
  const ids = Object.keys(a);
  if (ids.length !== Object.keys(b).length) return false;
  return ids.every((id) => b[id]?.document === a[id]?.document && b[id]?.snapshot === a[id]?.snapshot);
}

/** Decides what the release notes compare with and computes the changes (see the rules above). */
export function compareRelease(input: ComparisonInput): ReleaseComparison {
  const { previous, apis, published, outcomes } = input;
  if (previous.state === 'whole') {
    if (sameRelease(previous.manifest.apis, apis)) return previous.manifest.comparison;
    const before = previous.manifest.apis;
    const changes: Record<string, OperationChanges> = {};
    for (const [id, api] of Object.entries(apis)) {
      changes[id] = operationChanges(before[id]?.operations ?? [], api.operations);
    }
    const withDiff = outcomes.filter((o) => o.diff);
    const kept = withDiff.filter(
      (o) => before[o.api] !== undefined && published[o.api]?.snapshot === before[o.api]?.snapshot,
    );
    const left = withDiff.filter((o) => !kept.includes(o)).map((o) => o.api);
    return { base: 'previous release', changes, changelog: withLeftOut(formatReleaseChangelog(kept), left) };
  }
  const changes: Record<string, OperationChanges> = {};
  for (const [id, api] of Object.entries(apis)) {
    changes[id] = operationChanges(published[id]?.operations ?? [], api.operations);
  }
  return {
    base: Object.keys(published).length > 0 ? 'published specs' : 'none',
    changes,
    changelog: formatReleaseChangelog(outcomes),
  };
}

function withLeftOut(changelog: string, left: readonly string[]): string {
  if (left.length === 0) return changelog;
  const lines = changelog ? [changelog.trimEnd(), ''] : ['## Changelog of this release', ''];
  lines.push(
    `The classified changes of ${left.join(', ')} are left out: they compare with the specs published before this run, which are not the previous release's.`,
  );
  return `${lines.join('\n')}\n`;
}
