import { BaseResolver, ResolveError, type Source } from '@redocly/openapi-core';

/** The reason every reference outside the document is refused; also how its finding is recognised. */
export const EXTERNAL_REF_REFUSAL = 'references outside the document are not followed';

/**
 * A Redocly resolver that never reads anything: Redocly's own `BaseResolver` loads a `$ref`
 * (or an example's `externalValue`) that names a file, a device or a URL, so a document could
 * make `validate` read `/etc/passwd`, block on a named pipe or reach out over plain http.
 * References inside the document (`#/…`, anchors) never come here; every other one fails to
 * resolve with {@link EXTERNAL_REF_REFUSAL}, and Redocly reports it as unresolved.
 */
export class InDocumentResolver extends BaseResolver {
  override async loadExternalRef(_absoluteRef: string): Promise<Source> {
    throw new ResolveError(new Error(EXTERNAL_REF_REFUSAL));
  }
}
