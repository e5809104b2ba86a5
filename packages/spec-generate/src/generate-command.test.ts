import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runCommand } from '@proxmox-openapi/core';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCommand } from './generate-command.js';
import { fixtureUrl } from './test-support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'spec-generate-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      env: {},
      cwd: dir,
    },
  };
}

describe('proxmox-openapi generate', () => {
  it('writes <api>-api.json and <api>-api.yaml from an apidoc.js', async () => {
    const json = gunzipSync(readFileSync(fixtureUrl('pbs-apidoc-2026-08-16.json.gz'))).toString('utf8');
    writeFileSync(join(dir, 'apidoc.js'), `var apiSchema = ${json};\nExt.onReady(function () {});\n`);
    const run = io();
    const code = await runCommand(
      generateCommand,
      ['--api', 'pbs', '--input', 'apidoc.js', '--out-dir', 'out', '--openapi', '3.1'],
      run.io,
    );
    expect(run.err).toEqual([]);
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['pbs-api.json', 'pbs-api.yaml']);
    const document = JSON.parse(readFileSync(join(dir, 'out', 'pbs-api.json'), 'utf8'));
    expect(document.openapi).toBe('3.1.0');
    expect(load(readFileSync(join(dir, 'out', 'pbs-api.yaml'), 'utf8'))).toEqual(document);
    expect(run.out.join('')).toContain('367 operations');
  });

  it('reads a .json.gz fixture directly and defaults to 3.0.3', async () => {
    const run = io();
    const code = await runCommand(
      generateCommand,
      ['--api', 'pve', '--input', fixtureUrl('pve-apidoc-2025-06-10.json.gz').pathname, '--out-dir', 'pve'],
      run.io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'pve', 'pve-api.json'), 'utf8')).openapi).toBe('3.0.3');
  });

  it('fails with exit 2 on usage errors and 3 on unreadable input, in one line', async () => {
    const missing = io();
    expect(await runCommand(generateCommand, ['--api', 'pve'], missing.io)).toBe(2);
    expect(missing.err.join('')).toMatch(
      /^proxmox-openapi generate: --api, --input and --out-dir are required/,
    );
    const version = io();
    const args = ['--api', 'pve', '--input', 'x', '--out-dir', 'o', '--openapi', '2.0'];
    expect(await runCommand(generateCommand, args, version.io)).toBe(2);
    const unknown = io();
    expect(
      await runCommand(generateCommand, ['--api', 'abc', '--input', 'x', '--out-dir', 'o'], unknown.io),
    ).toBe(2);
    const bad = io();
    writeFileSync(join(dir, 'bad.json'), '{"not": "an array"}');
    expect(
      await runCommand(generateCommand, ['--api', 'pve', '--input', 'bad.json', '--out-dir', 'o'], bad.io),
    ).toBe(3);
    expect(bad.err.join('')).toContain('bad.json');
    expect(bad.err.join('').trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).not.toContain('o');
  });
});
