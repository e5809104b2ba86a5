import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countApiTree, InputError, ParseError, sha256 } from '@proxmox-openapi/core';
import { APIDOC_FIXTURES, fixturePath, loadFixtureText } from '@proxmox-openapi/test-fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readApidocFile } from './read-apidoc-file.js';
import { frameApidoc } from './test-support/apidoc-js.js';

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
