import { dump } from 'js-yaml';
import type { OpenApiDocument } from './types.js';
import { quoteAmbiguousScalars } from './yaml-quoting.js';

/**
 * Serializes a document as JSON (2-space indent, final newline) and YAML (js-yaml, no anchors,
 * keys in document order, long lines not folded) that parses back to the same object under YAML 1.1
 * and 1.2 parsers alike: every string that either could read as something else is quoted.
 */
export function serializeSpec(document: OpenApiDocument): { json: string; yaml: string } {
  const json = `${JSON.stringify(document, null, 2)}\n`;
  const yaml = dump(document, { noRefs: true, lineWidth: -1, transform: quoteAmbiguousScalars });
  return { json, yaml };
}
