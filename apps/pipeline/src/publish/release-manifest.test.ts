import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@proxmox-openapi/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  parseChecksums,
  RELEASE_MANIFEST,
  type ReleaseManifest,
  readPreviousRelease,
} from './release-manifest.js';

const dirs: string[] = [];
let dir: string;

const manifest: ReleaseManifest = {
  format: 1,
  specsManifest: sha256('specs manifest'),
  apis: { pve: { document: sha256('doc'), snapshot: sha256('snap'), operations: ['GET /version'] } },
  comparison: { base: 'none', changes: { pve: { added: ['GET /version'], removed: [] } }, changelog: '' },
};

/** Writes a release folder the way buildRelease does: the files, then SHA256SUMS over them. */
async function writeRelease(files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  let sums = '';
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dir, name), text);
    sums += `${sha256(text)}  ${name}\n`;
  }
  await writeFile(join(dir, 'SHA256SUMS'), sums);
}

beforeEach(async () => {
  const parent = await mkdtemp(join(tmpdir(), 'release-manifest-'));
  dirs.push(parent);
  dir = join(parent, 'release');
});

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('readPreviousRelease', () => {
  it('finds none where there is no folder or an empty one', async () => {
    expect(await readPreviousRelease(dir)).toEqual({ state: 'none' });
    await mkdir(dir);
    expect(await readPreviousRelease(dir)).toEqual({ state: 'none' });
  });

  it('reads a whole release', async () => {
    await writeRelease({ 'RELEASE_NOTES.md': '# notes\n', [RELEASE_MANIFEST]: JSON.stringify(manifest) });
    expect(await readPreviousRelease(dir)).toEqual({ state: 'whole', manifest });
  });

  const damages: [string, () => Promise<void>, RegExp][] = [
    [
      'a file changed after SHA256SUMS',
      () => writeFile(join(dir, 'RELEASE_NOTES.md'), '# other notes\n'),
      /RELEASE_NOTES.md does not match its sha256/,
    ],
    ['a listed file gone', () => rm(join(dir, 'RELEASE_NOTES.md')), /RELEASE_NOTES.md is missing/],
    ['SHA256SUMS gone', () => rm(join(dir, 'SHA256SUMS')), /SHA256SUMS is missing/],
    [
      'SHA256SUMS cut in the middle of a line',
      async () =>
        writeFile(join(dir, 'SHA256SUMS'), (await readFile(join(dir, 'SHA256SUMS'), 'utf8')).slice(0, 50)),
      /SHA256SUMS is not a sha256sum list/,
    ],
    [
      'a release made before release-manifest.json',
      () => writeRelease({ 'RELEASE_NOTES.md': '# notes\n' }),
      /does not list release-manifest.json/,
    ],
    [
      'a manifest with a valid checksum but the wrong shape',
      () =>
        writeRelease({
          [RELEASE_MANIFEST]: JSON.stringify({ ...manifest, apis: { pve: { document: 'x' } } }),
        }),
      /apis.pve.document is not a sha256/,
    ],
    [
      'a manifest that is not JSON',
      () => writeRelease({ [RELEASE_MANIFEST]: '{"format": 1,' }),
      /release-manifest.json is not JSON/,
    ],
  ];
  for (const [name, damage, problem] of damages) {
    it(`finds the release damaged with ${name}`, async () => {
      await writeRelease({ 'RELEASE_NOTES.md': '# notes\n', [RELEASE_MANIFEST]: JSON.stringify(manifest) });
      await damage();
      const previous = await readPreviousRelease(dir);
      expect(previous.state).toBe('damaged');
      expect(previous.state === 'damaged' ? previous.problem : '').toMatch(problem);
    });
  }
});

describe('parseChecksums', () => {
  it('reads sha256sum lines and refuses anything else', () => {
    const hash = sha256('a');
    expect(parseChecksums(`${hash}  a.json\n`)).toEqual([{ name: 'a.json', sha256: hash }]);
    expect(parseChecksums(`${hash} a.json\n`)).toBeUndefined();
    expect(parseChecksums(`${hash}  ../a.json\n`)).toBeUndefined();
  });
});
