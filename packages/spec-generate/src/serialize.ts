import { dump } from 'js-yaml';
import type { OpenApiDocument } from './types.js';
import { emitYaml } from './yaml-emit.js';
import { quoteAmbiguousScalars } from './yaml-quoting.js';

/** js-yaml's options for the documents: no anchors, keys in document order, long lines not folded. */
export const YAML_DUMP_OPTIONS = { noRefs: true, lineWidth: -1, transform: quoteAmbiguousScalars } as const;

/**
 * Serializes a document as JSON (2-space indent, final newline) and YAML that parses back to the
 * same object under YAML 1.1 and 1.2 parsers alike: every string that either could read as
 * something else is quoted. The YAML is js-yaml's `dump` with `YAML_DUMP_OPTIONS`, byte for byte;
 * a document of plain JSON data (every generated one) is written by `emitYaml`, which gives those
 * bytes about three times faster, anything it does not cover by js-yaml itself.
 */
export function serializeSpec(document: OpenApiDocument): { json: string; yaml: string } {
  const json = `${JSON.stringify(document, null, 2)}\n`;
  const yaml = emitYaml(document) ?? dump(document, YAML_DUMP_OPTIONS);
  return { json, yaml };
}
