import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo as memory } from '../../test-support/memory-io.js';
import { main } from '../main.js';

// The repository this test runs in: its history/pve and its published specs/pve.
const REPO = fileURLToPath(new URL('../../../../../', import.meta.url));

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'changelog-command-'));
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  await cp(join(REPO, 'history', 'pve'), join(root, 'history', 'pve'), { recursive: true });
  await cp(join(REPO, 'specs', 'pve'), join(root, 'specs', 'pve'), { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function runChangelog(args: string[]) {
  const io = memory(join(root, 'specs'));
  const code = await main(['changelog', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('proxmox-openapi changelog', () => {
  it('finds the committed files up to date, a changed one stale (exit 1), and rewrites it byte for byte', async () => {
    const up = await runChangelog(['--check']);
    expect(up).toEqual({ code: 0, out: 'pve: up to date\n', err: '' });

    const markdown = join(root, 'specs', 'pve', 'CHANGELOG.md');
    await writeFile(markdown, 'edited by hand\n');
    const stale = await runChangelog(['--check']);
    expect(stale.code).toBe(1);
    expect(stale.err.trim().split('\n')).toHaveLength(1);
    expect(stale.err).toContain('specs/pve/CHANGELOG.md is not what the history gives');
    expect(await readFile(markdown, 'utf8')).toBe('edited by hand\n');

    const written = await runChangelog(['--api', 'pve']);
    expect(written.code).toBe(0);
    expect(written.out).toMatch(/^pve: wrote specs\/pve\/CHANGELOG\.md \(\d+ sections\)\n$/);
    expect(
      (await readFile(markdown)).equals(await readFile(join(REPO, 'specs', 'pve', 'CHANGELOG.md'))),
    ).toBe(true);
  });

  it('refuses a product without a history folder (exit 2) and an unreadable history (exit 3)', async () => {
    const pbs = await runChangelog(['--api', 'pbs']);
    expect(pbs.code).toBe(2);
    expect(pbs.err).toContain('pbs has no history folder');

    await writeFile(join(root, 'history', 'pve', 'notes.txt'), 'not a schema\n');
    const misnamed = await runChangelog(['--check']);
    expect(misnamed.code).toBe(3);
    expect(misnamed.err).toContain('notes.txt');
    await rm(join(root, 'history', 'pve', 'notes.txt'));
  });
});
