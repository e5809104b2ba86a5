import { sortKeys } from './normalize.js';
import type { ApiChange, ApiDiff, Changelog } from './types.js';

/*
 * The changelog JSON contract (docs in the README): keys in the documented order, values of
 * `old`/`new` with sorted keys, two-space indentation and a final newline, so that the same
 * changelog always gives the same bytes.
 */

function changeJson(change: ApiChange) {
  return {
    rule: change.rule,
    level: change.level,
    side: change.side,
    operation: { method: change.operation.method, path: change.operation.path },
    location: change.location,
    old: sortKeys(change.old),
    new: sortKeys(change.new),
    message: change.message,
  };
}

function sectionJson(diff: ApiDiff) {
  const { summary } = diff;
  return {
    from: { label: diff.from.label, date: diff.from.date },
    to: { label: diff.to.label, date: diff.to.date },
    summary: {
      operationsAdded: summary.operationsAdded,
      operationsRemoved: summary.operationsRemoved,
      breaking: summary.breaking,
      warning: summary.warning,
      info: summary.info,
      line: summary.line,
    },
    changes: diff.changes.map(changeJson),
  };
}

/** A changelog as the bytes of `changelog.json`. */
export function renderChangelogJson(changelog: Changelog): string {
  const document = {
    schema: changelog.schema,
    api: changelog.api,
    sections: changelog.sections.map(sectionJson),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** One diff as a changelog of one section: the JSON form of a single comparison. */
export function renderDiffJson(api: string, diff: ApiDiff): string {
  return renderChangelogJson({ schema: 1, api, sections: [diff] });
}
