import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, HISTORY_FIXTURES, loadFixtureText } from '@proxmox-openapi/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo as memory } from '../../test-support/memory-io.js';
import { main } from '../main.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diff-command-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fixture = (docsVersion: string) => {
  const found = HISTORY_FIXTURES.find((f) => f.docsVersion === docsVersion);
  if (!found) throw new Error(`no history fixture ${docsVersion}`);
  return found;
};
const V908 = fixture('9.0.8');
const V912 = fixture('9.1.2');

async function runDiff(args: string[]) {
  const io = memory(dir);
  const code = await main(['diff', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('proxmox-openapi diff', () => {
  it('prints the summary line and the breaking changes first, and exits 0 without --fail-on', async () => {
    const { code, out, err } = await runDiff([fixturePath(V908.file), fixturePath(V912.file)]);
    expect(err).toBe('');
    expect(code).toBe(0);
    // The operations added are the fixtures' own independent counts apart.
    const added = V912.operations - V908.operations;
    expect(out).toContain(`PVE pve-docs 9.0.8 → pve-docs 9.1.2: ${added} operations added, 0 removed;`);
    const breaking = Number(/; (\d+) breaking/.exec(out)?.[1]);
    expect(breaking).toBeGreaterThan(0);
    expect(out.indexOf(`### Breaking (${breaking})`)).toBeGreaterThan(0);
    expect(out.indexOf('### Breaking')).toBeLessThan(out.indexOf('### Warnings'));
  });

  it('writes the JSON contract to --out, prints the summary line, and exits 1 with --fail-on breaking', async () => {
    const outFile = join(dir, 'diff.json');
    const { code, out, err } = await runDiff([
      fixturePath(V908.file),
      fixturePath(V912.file),
      '--format',
      'json',
      '--out',
      outFile,
      '--fail-on',
      'breaking',
    ]);
    expect(code).toBe(1);
    const json = JSON.parse(await readFile(outFile, 'utf8')) as {
      schema: number;
      api: string;
      sections: {
        summary: { breaking: number; warning: number; info: number; line: string };
        changes: { level: string }[];
      }[];
    };
    expect(json.schema).toBe(1);
    expect(json.api).toBe('pve');
    const [section] = json.sections;
    expect(out).toBe(`${section?.summary.line}\n`);
    const breaking = section?.changes.filter((c) => c.level === 'breaking').length;
    expect(breaking).toBe(section?.summary.breaking);
    expect(section?.changes).toHaveLength(
      (section?.summary.breaking ?? 0) + (section?.summary.warning ?? 0) + (section?.summary.info ?? 0),
    );
    // One line naming what was found, and the exit code of findings.
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(`${breaking} changes at --fail-on breaking`);
  });

  it('reads apidoc.js, .json and .json.gz alike: the same schema in three files has no change', async () => {
    const text = loadFixtureText(V912.file);
    const js = join(dir, 'apidoc.js');
    const json = join(dir, 'apidoc.json');
    await writeFile(js, `const apiSchema = ${text};\n\nExt.onReady(function () {});\n`);
    await writeFile(json, text);
    for (const [a, b] of [
      [js, fixturePath(V912.file)],
      [json, js],
    ] as const) {
      const { code, out } = await runDiff([a, b, '--fail-on', 'warning']);
      expect(code).toBe(0);
      expect(out).toContain('0 operations added, 0 removed; 0 breaking, 0 warnings, 0 info');
      expect(out).toContain('No change.');
    }
  });

  it('says what is wrong in one line: a missing file (3), a bad option (2), not an apidoc (3)', async () => {
    const missing = await runDiff([join(dir, 'nope.json'), fixturePath(V912.file)]);
    expect(missing.code).toBe(3);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.err).toContain('nope.json');

    const format = await runDiff([fixturePath(V908.file), fixturePath(V912.file), '--format', 'html']);
    expect(format.code).toBe(2);
    expect(format.err).toContain('--format');

    const one = await runDiff([fixturePath(V912.file)]);
    expect(one.code).toBe(2);

    const notApidoc = join(dir, 'not-apidoc.json');
    await writeFile(notApidoc, '{"openapi": "3.0.3"}');
    const bad = await runDiff([notApidoc, fixturePath(V912.file)]);
    expect(bad.code).toBe(3);
    expect(bad.err).toContain('not-apidoc.json');
    expect(bad.out).toBe('');
  });
});
