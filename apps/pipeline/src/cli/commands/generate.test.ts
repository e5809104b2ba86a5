import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fixturePath } from '@proxmox-openapi/test-fixtures';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { type MemoryIo, memoryIo } from '../../test-support/memory-io.js';
import { main } from '../main.js';

const dir = mkdtempSync(join(tmpdir(), 'spec-generate-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const memory = memoryIo(dir);
  return { io: memory, out: () => memory.out(), err: () => memory.err() };
}

const generate = (args: string[], io: MemoryIo): Promise<number> => main(['generate', ...args], io);

describe('proxmox-openapi generate', () => {
  it('writes <api>-api.json and <api>-api.yaml from an apidoc.js', async () => {
    const json = gunzipSync(readFileSync(fixturePath('pbs-apidoc-2026-08-16.json.gz'))).toString('utf8');
    writeFileSync(join(dir, 'apidoc.js'), `var apiSchema = ${json};\nExt.onReady(function () {});\n`);
    const run = io();
    const code = await generate(
      ['--api', 'pbs', '--input', 'apidoc.js', '--out-dir', 'out', '--openapi', '3.1'],
      run.io,
    );
    expect(run.err()).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['pbs-api.json', 'pbs-api.yaml']);
    const document = JSON.parse(readFileSync(join(dir, 'out', 'pbs-api.json'), 'utf8'));
    expect(document.openapi).toBe('3.1.0');
    expect(load(readFileSync(join(dir, 'out', 'pbs-api.yaml'), 'utf8'))).toEqual(document);
    expect(run.out()).toContain('367 operations');
  });

  it('reads a .json.gz fixture directly and defaults to 3.0.3', async () => {
    const run = io();
    const code = await generate(
      ['--api', 'pve', '--input', fixturePath('pve-apidoc-2025-06-10.json.gz'), '--out-dir', 'pve'],
      run.io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'pve', 'pve-api.json'), 'utf8')).openapi).toBe('3.0.3');
  });

  it('fails with exit 2 on usage errors and 3 on unreadable input, in one line', async () => {
    const missing = io();
    expect(await generate(['--api', 'pve'], missing.io)).toBe(2);
    expect(missing.err()).toMatch(/^proxmox-openapi generate: --input FILE is required/);
    const version = io();
    const args = ['--api', 'pve', '--input', 'x', '--out-dir', 'o', '--openapi', '2.0'];
    expect(await generate(args, version.io)).toBe(2);
    const unknown = io();
    expect(await generate(['--api', 'abc', '--input', 'x', '--out-dir', 'o'], unknown.io)).toBe(2);
    const bad = io();
    writeFileSync(join(dir, 'bad.json'), '{"not": "an array"}');
    expect(await generate(['--api', 'pve', '--input', 'bad.json', '--out-dir', 'o'], bad.io)).toBe(3);
    expect(bad.err()).toContain('bad.json');
    expect(bad.err().trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).not.toContain('o');
  });
});
