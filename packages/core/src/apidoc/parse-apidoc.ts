import type { ApiTree } from '../api-tree.js';
import { ParseError, positionAt } from '../errors.js';
import { asApiTree, checkApiTree, formatJsonPath } from './check-tree.js';
import { extractApidocArray } from './extract-array.js';
import { locateJsonValue } from './json-scan.js';

/** Options of {@link parseApidoc}. */
export interface ParseApidocOptions {
  /** Names the input in error messages: a file path or a URL. Default `apidoc`. */
  source?: string;
}

/**
 * Reads the API schema out of an apidoc.js (`const|var|let apiSchema = [ … ]` followed by any
 * JavaScript) or a bare JSON array, and checks it into a typed ApiTree. The text is read as
 * data and never evaluated. Bytes must be UTF-8; a byte order mark is ignored.
 *
 * @example
 * const tree = parseApidoc(await readFile('apidoc.js'), { source: 'apidoc.js' });
 * @throws ParseError naming the source, what is wrong and where (line and column).
 */
export function parseApidoc(text: string | Uint8Array, options: ParseApidocOptions = {}): ApiTree {
  return parseApidocText(text, options).tree;
}

/** parseApidoc, also returning the decoded text (without a byte order mark) for hashing. */
export function parseApidocText(
  input: string | Uint8Array,
  options: ParseApidocOptions = {},
): { tree: ApiTree; text: string } {
  const source = options.source ?? 'apidoc';
  const extracted = extractApidocArray(input, source);
  const failure = checkApiTree(extracted.value);
  if (failure) {
    const offset = locateJsonValue(extracted.text, extracted.start, failure.path);
    const where = failure.path.length > 0 ? ` at ${formatJsonPath(failure.path)}` : '';
    throw new ParseError(`${source}: ${failure.message}${where}`, positionAt(extracted.text, offset));
  }
  return { tree: asApiTree(extracted.value), text: extracted.text };
}
