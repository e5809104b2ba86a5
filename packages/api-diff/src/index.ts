export type { BuiltChangelog, LabelledTree } from './changelog.js';
export { buildChangelog } from './changelog.js';
export { diffApis } from './diff-apis.js';
export { historyFileLabel, readHistoryFolder, readSnapshotVersion, snapshotLabel } from './history.js';
export type { ChangelogPaths } from './regenerate-changelog.js';
export {
  buildRepositoryChangelog,
  changelogPaths,
  staleChangelogFiles,
  writeChangelog,
} from './regenerate-changelog.js';
export { renderChangelogJson, renderDiffJson } from './render-json.js';
export { renderChangelogMarkdown, renderDiffMarkdown } from './render-markdown.js';
export type { RuleDefinition, RuleId } from './rules.js';
export { RULE_IDS, RULES } from './rules.js';
export { compareChanges, sortChanges } from './sort-changes.js';
export type {
  ApiChange,
  ApiDiff,
  ChangeLevel,
  Changelog,
  ChangeSide,
  DiffOptions,
  DiffSummary,
  VersionLabel,
} from './types.js';
export { CHANGE_LEVELS } from './types.js';
