import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { type ApiTree, describeError, InputError, sha256 } from '@proxmox-openapi/core';
import { parseApidocText } from './parse-apidoc.js';

/** A read apidoc: its text (UTF-8, without a byte order mark), the checked tree and the text's sha256. */
export interface ReadApidoc {
  text: string;
  tree: ApiTree;
  sha256: string;
}

/**
 * Reads an apidoc from a file: a real `apidoc.js` in either framing, or the bare JSON array
 * (`.json`, or gzipped `.json.gz`; gzip is recognised by its magic bytes, whatever the name).
 * The file is read as data and never evaluated.
 *
 * @example
 * const { tree, sha256 } = await readApidocFile('specs/pve/apidoc.json');
 * @throws InputError when the file cannot be read or is not valid gzip; ParseError (an
 *   InputError) when its content is not an apidoc.
 */
export async function readApidocFile(path: string): Promise<ReadApidoc> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${describeError(error)}`, { stage: 'parse', cause: error });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new InputError(`${path} is not valid gzip: ${describeError(error)}`, {
        stage: 'parse',
        cause: error,
      });
    }
  }
  const { tree, text } = parseApidocText(bytes, { source: path });
  return { text, tree, sha256: sha256(text) };
}
