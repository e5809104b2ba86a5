/**
 * The layout of the published `specs/` folder, named once: which file holds what, so that the
 * stage that writes a file and every stage that reads it can never spell it two ways.
 *
 * ```text
 * specs/
 *   manifest.json          every published file with its sha256; where each API came from
 *   <id>/
 *     <id>-api.json        the OpenAPI document
 *     <id>-api.yaml        the same document as YAML
 *     apidoc.json          the snapshot of the schema it was generated from
 *     apidoc.meta.json     where and when that snapshot was fetched
 *     README.md            what the folder holds, with its statistics
 *     CHANGELOG.md         the API's changes over its history (products with a history)
 *     changelog.json       the same changes as data
 * ```
 */
export const SPECS_LAYOUT = Object.freeze({
  /** `specs/manifest.json`. */
  manifest: 'manifest.json',
  /** `specs/<id>/apidoc.json`: the snapshot of the schema. */
  snapshot: 'apidoc.json',
  /** `specs/<id>/apidoc.meta.json`: the snapshot's source URL, sha256, fetch time and validators. */
  snapshotMeta: 'apidoc.meta.json',
  /** `specs/<id>/README.md`. */
  readme: 'README.md',
  /** `specs/<id>/CHANGELOG.md`. */
  changelogMarkdown: 'CHANGELOG.md',
  /** `specs/<id>/changelog.json`. */
  changelogJson: 'changelog.json',
} as const);

/** The file name of an API's OpenAPI document in `specs/<id>/`: `pve-api.json`, `pve-api.yaml`. */
export function apiDocumentFileName(id: string, format: 'json' | 'yaml'): string {
  return `${id}-api.${format}`;
}
