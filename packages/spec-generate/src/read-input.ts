import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { type ApiTree, InputError, walkApiTree } from '@proxmox-openapi/core';

/**
 * A small reader for `generate --input`: a bare JSON array (`.json`, `.json.gz`) or an
 * `apidoc.js` in either framing (`const apiSchema = [` … `]` or `var apiSchema = [` … `];`).
 * The array is found with a scanner that respects JSON strings and parsed with `JSON.parse`;
 * the text is never evaluated. Interim: a shared parser in core should replace this file.
 */
export async function readApiTreeFile(file: string): Promise<ApiTree> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
      stage: 'generate',
    });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new InputError(`${file} is not valid gzip: ${(error as Error).message}`, { stage: 'generate' });
    }
  }
  return parseApiTreeText(bytes.toString('utf8'), file);
}

/** Parses the text of an apidoc (bare JSON array or apidoc.js) into a checked ApiTree. */
export function parseApiTreeText(text: string, name: string): ApiTree {
  const body = text.replace(/^\uFEFF/, '');
  const start = body.trimStart().startsWith('[') ? body.indexOf('[') : arrayStartInScript(body, name);
  const end = matchingBracket(body, start, name);
  let value: unknown;
  try {
    value = JSON.parse(body.slice(start, end + 1));
  } catch (error) {
    throw new InputError(`${name}: the apiSchema array is not valid JSON: ${(error as Error).message}`, {
      stage: 'generate',
    });
  }
  return checkShape(value, name);
}

/** The offset of the `[` after `const|var|let apiSchema =`. */
function arrayStartInScript(text: string, name: string): number {
  const match = /\b(?:const|var|let)\s+apiSchema\s*=\s*\[/.exec(text);
  if (!match) {
    throw new InputError(`${name}: neither a JSON array nor an apidoc.js with "apiSchema = [" in it`, {
      stage: 'generate',
    });
  }
  return match.index + match[0].length - 1;
}

/** The offset of the `]` that closes the array at `start`, skipping brackets inside JSON strings. */
function matchingBracket(text: string, start: number, name: string): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A JSON string: skip to its closing quote, stepping over escapes.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new InputError(`${name}: the apiSchema array is not closed`, { stage: 'generate' });
}

function checkShape(value: unknown, name: string): ApiTree {
  if (!Array.isArray(value))
    throw new InputError(`${name}: expected an array of API nodes`, { stage: 'generate' });
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  for (const node of value)
    if (!isObject(node)) throw new InputError(`${name}: an API node is not an object`);
  for (const node of walkApiTree(value)) {
    if (typeof node.path !== 'string') throw new InputError(`${name}: an API node has no string "path"`);
    if (node.children !== undefined && (!Array.isArray(node.children) || !node.children.every(isObject))) {
      throw new InputError(`${name}: the "children" of ${node.path} is not an array of nodes`);
    }
    if (node.info !== undefined && !isObject(node.info)) {
      throw new InputError(`${name}: the "info" of ${node.path} is not an object`);
    }
  }
  return value as ApiTree;
}
