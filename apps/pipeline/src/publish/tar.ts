import { gzipSync } from 'node:zlib';

/** One regular file of an archive. */
export interface TarEntry {
  /** The path inside the archive, `/`-separated, relative. */
  path: string;
  data: Uint8Array;
}

/*
 * A small ustar writer: the release archive holds a handful of regular files, and a 60-line
 * writer over node:zlib is easier to trust than a dependency (the `tar` package pulls in a
 * file-system layer we do not need). Every header field that could vary between machines
 * (mtime, owner, mode) is fixed, so the same files give the same archive bytes.
 */

const BLOCK = 512;

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL, as ustar readers expect.
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  const cut = path.lastIndexOf('/', 155);
  const name = path.slice(cut + 1);
  const prefix = path.slice(0, cut);
  if (cut <= 0 || Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) {
    throw new Error(`path too long for a ustar archive: ${path}`);
  }
  return { name, prefix };
}

function header(path: string, size: number, mtime: number): Buffer {
  const block = Buffer.alloc(BLOCK, 0);
  const { name, prefix } = splitName(path);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(mtime, 12), 136, 'ascii');
  block.write('        ', 148, 'ascii'); // the checksum counts itself as spaces
  block.write('0', 156, 'ascii'); // regular file
  block.write('ustar\u000000', 257, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** The bytes of an uncompressed ustar archive of `entries`, in the order given. */
export function createTar(entries: readonly TarEntry[], mtime = 0): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry.path, entry.data.length, mtime), Buffer.from(entry.data));
    const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}

/** A gzipped ustar archive (`.tar.gz`) of `entries`; deterministic for the same input. */
export function createTarGz(entries: readonly TarEntry[], mtime = 0): Buffer {
  return gzipSync(createTar(entries, mtime), { level: 9 });
}
