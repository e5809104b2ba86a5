import { gunzipSync } from 'node:zlib';
import type { ApiTree } from '../api-tree.js';
import { describeError, InputError } from '../errors.js';
import { sha256 } from '../hash.js';
import { readInputFile } from '../read-input-file.js';
import { parseApidocText } from './parse-apidoc.js';

/** A read apidoc: its text (UTF-8, without a byte order mark), the checked tree and the text's sha256. */
export interface ReadApidoc {
  text: string;
  tree: ApiTree;
  sha256: string;
}

/** The largest apidoc a file may hold, before and after gunzip: the download's default limit. */
export const MAX_APIDOC_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads an apidoc from a file: a real `apidoc.js` in either framing, or the bare JSON array
 * (`.json`, or gzipped `.json.gz`; gzip is recognised by its magic bytes, whatever the name).
 * The file is read as data and never evaluated.
 *
 * @example
 * const { tree, sha256 } = await readApidocFile('specs/pve/apidoc.json');
 * @throws InputError when the file cannot be read, is not a regular file, is too large or is
 *   not valid gzip; ParseError (an InputError) when its content is not an apidoc.
 */
export async function readApidocFile(path: string): Promise<ReadApidoc> {
  const limit = `larger than the ${MAX_APIDOC_FILE_BYTES / 1024 / 1024} MiB limit (the real schemas are under 4 MiB)`;
  // A regular file only (a device or a named pipe is refused), never more than the limit read.
  let bytes: Uint8Array = await readInputFile(path, {
    maxBytes: MAX_APIDOC_FILE_BYTES,
    stage: 'parse',
    limitNote: ' (the real schemas are under 4 MiB)',
  });
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      // Bounded, so that a small gzip bomb cannot fill the memory.
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_APIDOC_FILE_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new InputError(`${path} decompresses to more than ${MAX_APIDOC_FILE_BYTES} bytes, ${limit}`, {
          stage: 'parse',
          cause: error,
        });
      }
      throw new InputError(`${path} is not valid gzip: ${describeError(error)}`, {
        stage: 'parse',
        cause: error,
      });
    }
  }
  const { tree, text } = parseApidocText(bytes, { source: path });
  return { text, tree, sha256: sha256(text) };
}
