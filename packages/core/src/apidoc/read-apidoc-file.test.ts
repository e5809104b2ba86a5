import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { APIDOC_FIXTURES, fixturePath, loadFixtureText } from '@proxmox-openapi/test-fixtures';
import { frameApidoc } from '@proxmox-openapi/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countApiTree } from '../api-tree.js';
import { InputError, ParseError } from '../errors.js';
import { sha256 } from '../hash.js';
import { MAX_APIDOC_FILE_BYTES, readApidocFile } from './read-apidoc-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apidoc-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readApidocFile', () => {
  it.each(APIDOC_FIXTURES.map((f) => [f.file, f] as const))(
    'reads %s as .json.gz, .json and apidoc.js',
    async (_, f) => {
      const json = loadFixtureText(f.file);
      await writeFile(join(dir, 'apidoc.json'), json);
      await writeFile(join(dir, 'apidoc.js'), frameApidoc(json, f.api === 'pve' ? 'pve' : 'pbs'));
      for (const path of [fixturePath(f.file), join(dir, 'apidoc.json'), join(dir, 'apidoc.js')]) {
        const read = await readApidocFile(path);
        expect(countApiTree(read.tree)).toMatchObject({ paths: f.paths, operations: f.operations });
        expect(read.sha256).toBe(sha256(read.text));
      }
      expect((await readApidocFile(fixturePath(f.file))).text).toBe(json);
    },
  );

  it('names the file in errors', async () => {
    await expect(readApidocFile(join(dir, 'missing.js'))).rejects.toThrow(InputError);
    await writeFile(join(dir, 'page.js'), '<!doctype html><p>oops</p>');
    await expect(readApidocFile(join(dir, 'page.js'))).rejects.toThrow(ParseError);
    await expect(readApidocFile(join(dir, 'page.js'))).rejects.toThrow(
      /page\.js: this is an HTML or XML page/,
    );
  });
});

describe('readApidocFile refuses what would not fit in memory (hardening regressions)', () => {
  it('refuses a 200 MB file by its size, without reading it', async () => {
    const path = join(dir, 'huge.js');
    // Sparse: 200 MB long, a few bytes on disk; reading it would be a parse error, not this one.
    await writeFile(path, 'const apiSchema = [{"path": "/x", "text": "');
    await truncate(path, 200 * 1024 * 1024);
    await expect(readApidocFile(path)).rejects.toThrow(
      new RegExp(`huge\\.js is ${200 * 1024 * 1024} bytes, larger than the 64 MiB limit`),
    );
  });

  it('refuses a gzip bomb by its decompressed size', async () => {
    const path = join(dir, 'bomb.json.gz');
    await writeFile(path, gzipSync(Buffer.alloc(MAX_APIDOC_FILE_BYTES + 1, 0x20)));
    const error = await readApidocFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/bomb\.json\.gz decompresses to more than 67108864 bytes/);
  });

  it('calls an HTML page an HTML page even when it quotes an apiSchema declaration', async () => {
    const path = join(dir, 'error.html');
    await writeFile(path, '<html><title>502</title><pre>const apiSchema = [];</pre></html>');
    await expect(readApidocFile(path)).rejects.toThrow(/error\.html: this is an HTML or XML page/);
  });
});
