import { type Document, SCALAR_STYLE, visit } from 'js-yaml';

/**
 * Plain scalars that some YAML 1.1 or 1.2 parser reads as something other than the string.
 * js-yaml's dump schema already quotes the forms of the YAML 1.1 and 1.2 specifications
 * (`yes`, `on`, `0o17`, `1:20`, `1_000`, …); parsers are looser than the specifications, though:
 * `yaml` (eemeli) reads a float with an exponent and no mantissa (`e1000`, the Intel NIC model)
 * as a number in 1.1 mode. These expressions are a superset of the 1.1 and 1.2 core readings, so a
 * string that may be read otherwise is quoted; quoting a string that did not need it is harmless.
 */
const AMBIGUOUS: readonly RegExp[] = [
  // Booleans of YAML 1.1 (any case) and 1.2.
  /^(?:y|yes|n|no|true|false|on|off)$/i,
  // Null.
  /^(?:~|null)$/i,
  // Integers: decimal, octal (1.1 `017` and 1.2 `0o17`), hex, binary, with `_` separators (1.1).
  /^[-+]?(?:[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-f_]+|0b[01_]+)$/i,
  // Floats, mantissa or exponent optional (`.5`, `1.`, `1e3`, `e1000`), infinities and NaN.
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:e[-+]?[0-9]+)?$/i,
  /^[-+]?\.(?:inf|nan)$/i,
  // Sexagesimal numbers of YAML 1.1 (`1:20`, `190:20:30.15`).
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  // Timestamps (dates and date-times) of YAML 1.1.
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?$/,
  // The merge key and the value key of YAML 1.1.
  /^(?:<<|=)$/,
];

/** Whether a YAML 1.1 or 1.2 parser may read this plain scalar as something other than the string. */
export function isAmbiguousPlainScalar(text: string): boolean {
  return text !== '' && AMBIGUOUS.some((expression) => expression.test(text));
}

const STRING_TAG = 'tag:yaml.org,2002:str';

/**
 * A key of the top-level mapping starts a line; js-yaml writes it plain even when it begins with a
 * document marker (`--- a`, `... b`), which no parser reads back as a key. Such a key is quoted.
 */
export const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=$|[ \t])/;

/**
 * A js-yaml `transform`: quotes every string scalar (keys included) that would be written plain
 * although a YAML 1.1 or 1.2 parser may not read it back as the same string.
 */
export function quoteAmbiguousScalars(documents: Document[]): void {
  visit(documents, (node, context) => {
    if (node.kind !== 'scalar' || node.tag !== STRING_TAG || node.style !== SCALAR_STYLE.PLAIN) return;
    const startsLine = context.isKey && context.depth === 1;
    if (isAmbiguousPlainScalar(node.value) || (startsLine && DOCUMENT_MARKER.test(node.value))) {
      node.style = SCALAR_STYLE.SINGLE_QUOTED;
    }
  });
}
