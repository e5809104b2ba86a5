import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { type ApiTree, HTTP_METHODS, InputError } from '@proxmox-openapi/core';

/*
 * The reader of `generate --input`: a bare JSON array (`.json`, `.json.gz`) or an `apidoc.js` in
 * either framing (`const apiSchema = [` … `]` or `var apiSchema = [` … `];`). The array is cut
 * out with a scanner that respects JSON strings and parsed with `JSON.parse`; the text is never
 * evaluated. The shape checks are the ones `@proxmox-openapi/apidoc-fetch` makes (a stage does not
 * import another stage), so that a file `pipeline --source` refuses is refused here too: the
 * hardening corpus in apps/pipeline/test/hardening runs every hostile input through both.
 */

/** The largest input, before and after gunzip (the real schemas are under 4 MiB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** How deep arrays and objects may nest; the real schemas reach 25 and the generator recurses. */
export const MAX_NESTING = 512;

const KNOWN_METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);
// An absolute path with `{name}` templates that neither nest nor stay open.
const PATH = /^\/(?:[^{}]|\{[^{}/]+\})*$/;
// The declaration must name `apiSchema` itself (not `window.apiSchema`, not `myapiSchema`).
const DECLARATION = /(?:^|[^\w$.])(?:const|var|let)\s+apiSchema\s*=\s*/;
const NEVER_EVALUATED = 'an expression is never evaluated';

function fail(message: string): never {
  throw new InputError(message, { stage: 'generate' });
}

/**
 * Reads an apidoc file into a checked ApiTree. Refuses a file over 64 MiB by its size (before
 * reading it), a gzip that inflates past 64 MiB, bytes that are not UTF-8, and anything that is
 * not an apidoc, with one line that names the file.
 * @throws InputError
 */
export async function readApiTreeFile(file: string): Promise<ApiTree> {
  const limit = `larger than the ${MAX_INPUT_BYTES / 1024 / 1024} MiB limit`;
  let bytes: Buffer;
  try {
    const { size } = await stat(file);
    if (size > MAX_INPUT_BYTES) fail(`${file} is ${size} bytes, ${limit}`);
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
      stage: 'generate',
    });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_INPUT_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        fail(`${file} decompresses to more than ${MAX_INPUT_BYTES} bytes, ${limit}`);
      }
      fail(`${file} is not valid gzip: ${(error as Error).message}`);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // A replacement character would silently change the schema.
    return fail(`${file}: invalid UTF-8 (the apidoc must be UTF-8 text)`);
  }
  return parseApiTreeText(text, file);
}

function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

/** Parses the text of an apidoc (bare JSON array or apidoc.js) into a checked ApiTree. */
export function parseApiTreeText(text: string, name: string): ApiTree {
  const body = text.replace(/^\uFEFF/, '');
  const first = firstNonSpace(body, 0);
  const c = body[first];
  let start: number;
  if (c === '[') start = first;
  else if (first >= body.length) return fail(`${name}: the text is empty, not an apidoc`);
  else if (c === '<') return fail(`${name}: this is an HTML or XML page, not an apidoc (an error page?)`);
  else if (c === '{') return fail(`${name}: this is a JSON object, not the apidoc array`);
  else {
    const match = DECLARATION.exec(body);
    if (!match) {
      return fail(
        `${name}: no apiSchema array found (expected \`const apiSchema = [\` or a bare JSON array)`,
      );
    }
    start = match.index + match[0].length;
    if (body[start] !== '[') {
      return fail(
        `${name}: apiSchema is not an array literal: found ${JSON.stringify(body.slice(start, start + 20))} (${NEVER_EVALUATED})`,
      );
    }
  }
  const end = matchingBracket(body, start, name);
  checkWhatFollows(body, end + 1, c === '[', name);
  let value: unknown;
  try {
    value = JSON.parse(body.slice(start, end + 1));
  } catch (error) {
    return fail(`${name}: the apiSchema array is not valid JSON: ${(error as Error).message}`);
  }
  return checkShape(value as unknown[], name);
}

/**
 * The offset of the `]` that closes the array at `start`, skipping brackets inside JSON strings;
 * refuses nesting deeper than MAX_NESTING so that nothing downstream overflows its stack.
 */
function matchingBracket(text: string, start: number, name: string): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A JSON string: skip to its closing quote, stepping over escapes.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > MAX_NESTING) fail(`${name}: arrays and objects nested deeper than ${MAX_NESTING} levels`);
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return fail(`${name}: the apiSchema array is never closed (is the file truncated?)`);
}

/** After the array: white space only (bare JSON), or the end of the declaration (apidoc.js). */
function checkWhatFollows(text: string, from: number, bare: boolean, name: string): void {
  if (bare) {
    const next = firstNonSpace(text, from);
    if (next < text.length) fail(`${name}: unexpected ${JSON.stringify(text[next])} after the JSON array`);
    return;
  }
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const rest = text.slice(i, i + 2);
  if (i >= text.length || /^[;\n\r]/.test(rest) || rest === '//' || rest === '/*') return;
  fail(
    `${name}: unexpected ${JSON.stringify(text[i])} after the apiSchema array (the declaration must end there; ${NEVER_EVALUATED})`,
  );
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: `__proto__` in the data is a key, never a way up the prototype chain. */
function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Checks the tree iteratively (an explicit stack), in document order; returns it unchanged. */
function checkShape(value: unknown[], name: string): ApiTree {
  if (value.length === 0) fail(`${name}: the apiSchema array is empty`);
  const seen = new Set<string>();
  const stack: unknown[] = [...value].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isObject(node)) fail(`${name}: a node is ${kind(node)}, not an object`);
    const path = own(node, 'path');
    if (path === undefined) fail(`${name}: a node has no "path"`);
    if (typeof path !== 'string') fail(`${name}: a node's "path" is ${kind(path)}, not a string`);
    if (!PATH.test(path)) {
      fail(
        `${name}: the node path ${JSON.stringify(path)} is not an absolute path with balanced {templates}`,
      );
    }
    if (seen.has(path)) fail(`${name}: the path ${path} appears twice`);
    seen.add(path);
    const text = own(node, 'text');
    if (typeof text !== 'string') {
      fail(`${name}: the "text" of ${path} is ${text === undefined ? 'missing' : kind(text)}, not a string`);
    }
    const children = own(node, 'children');
    if (children !== undefined && !Array.isArray(children)) {
      fail(`${name}: the "children" of ${path} is ${kind(children)}, not an array`);
    }
    const info = own(node, 'info');
    if (info !== undefined) {
      if (!isObject(info)) fail(`${name}: the "info" of ${path} is ${kind(info)}, not an object`);
      for (const method of Object.keys(info)) {
        if (!KNOWN_METHODS.has(method)) {
          fail(
            `${name}: unknown HTTP method ${JSON.stringify(method)} in the "info" of ${path} (expected ${HTTP_METHODS.join(', ')})`,
          );
        }
        checkMethod(info[method], `${method} ${path}`, name);
      }
    }
    if (Array.isArray(children)) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return value as ApiTree;
}

function checkMethod(definition: unknown, where: string, name: string): void {
  if (!isObject(definition))
    fail(`${name}: the definition of ${where} is ${kind(definition)}, not an object`);
  for (const key of ['method', 'name', 'description']) {
    const value = own(definition, key);
    if (value !== undefined && typeof value !== 'string') {
      fail(`${name}: the "${key}" of ${where} is ${kind(value)}, not a string`);
    }
  }
  for (const key of ['parameters', 'returns', 'permissions']) {
    const value = own(definition, key);
    if (value !== undefined && !isObject(value)) {
      fail(`${name}: the "${key}" of ${where} is ${kind(value)}, not an object`);
    }
  }
  const parameters = own(definition, 'parameters');
  const properties = isObject(parameters) ? own(parameters, 'properties') : undefined;
  if (properties === undefined) return;
  if (!isObject(properties)) {
    fail(`${name}: the parameter "properties" of ${where} is ${kind(properties)}, not an object`);
  }
  for (const parameter of Object.keys(properties)) {
    if (!isObject(properties[parameter])) {
      fail(
        `${name}: the parameter ${JSON.stringify(parameter)} of ${where} is ${kind(properties[parameter])}, not a schema object`,
      );
    }
  }
}
