import type { ApiTarget } from './targets.js';

/**
 * The `Authorization` header value of an API token for a target, with placeholders
 * (`PBSAPIToken=USER@REALM!TOKENID:SECRET`), or `undefined` when the product has no API tokens.
 */
export function apiTokenHeaderExample(target: ApiTarget): string | undefined {
  const token = target.auth.apiToken;
  return token ? `${token.prefix}=USER@REALM!TOKENID${token.separator}SECRET` : undefined;
}

/**
 * The loud warning that a document generated from a known-outdated snapshot must carry, or
 * `undefined`. `sourceDate` is the date of the schema the document was generated from (ISO 8601
 * or `YYYY-MM-DD`); a schema from after the snapshot's own date is newer than the outdated
 * snapshot, so it gets no warning. Without a source date the warning applies (the safe side).
 */
export function outdatedSnapshotWarning(target: ApiTarget, sourceDate?: string): string | undefined {
  const outdated = target.snapshot.outdated;
  if (outdated === undefined) return undefined;
  if (sourceDate !== undefined && sourceDate.slice(0, 10) > target.snapshot.date) return undefined;
  return outdated;
}
