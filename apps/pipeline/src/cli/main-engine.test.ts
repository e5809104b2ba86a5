import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturePath, newestFixture } from '@proxmox-openapi/test-fixtures';
import { startStandInEngine } from '@proxmox-openapi/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTAINER_CLI as PIPELINE_BIN } from '../engines/dagger-job.js';
import { memoryIo as memory } from '../test-support/memory-io.js';
import { main } from './main.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');

const memoryIo = (cwd = root) => memory(cwd, process.env);

const savedPath = process.env.PATH;
afterEach(() => {
  delete process.env.DAGGER_SESSION_PORT;
  delete process.env.DAGGER_SESSION_TOKEN;
  process.env.PATH = savedPath;
});

describe('--engine on the single-stage commands', () => {
  it('runs generate in-process with --engine local, as without the option', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cli-engine-'));
    const io = memoryIo();
    const input = fixturePath(newestFixture('pbs').file);
    const code = await main(
      ['generate', '--engine', 'local', '--api', 'pbs', '--input', input, '--out-dir', out],
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['pbs-api.json', 'pbs-api.yaml']);
  });

  it('refuses an unknown engine with one line and exit code 2', async () => {
    const io = memoryIo();
    expect(await main(['fetch', '--engine=docker', '--api', 'pve', '--out', 'x.json'], io)).toBe(2);
    expect(io.err()).toBe('proxmox-openapi fetch: unknown engine "docker": expected local or dagger\n');
  });

  it('says in one line what is missing, naming --engine local, when no Dagger engine can be reached', async () => {
    process.env.PATH = '/nonexistent';
    const io = memoryIo();
    expect(await main(['lint', '--engine', 'dagger'], io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toContain('--engine local');
  });

  it('sends generate --engine dagger to the engine as the same command inside the workspace container', async () => {
    const standIn = await startStandInEngine({
      answer: (leaf) => ({ exitCode: 0, stdout: 'generated\n', stderr: '' })[leaf],
    });
    Object.assign(process.env, standIn.env);
    const io = memoryIo();
    let code: number;
    try {
      code = await main(
        ['generate', '--api', 'pve', '--input', 'in.json', '--out-dir', 'out', '--engine', 'dagger'],
        io,
      );
    } finally {
      await standIn.close();
    }
    expect(code).toBe(0);
    expect(io.out()).toBe('generated\n');
    const run = `withExec (args: ${JSON.stringify(['node', PIPELINE_BIN, 'generate', '--api', 'pve', '--input', '/io/in/0/in.json', '--out-dir', '/io/out/0'])},expect: ANY)`;
    const texts = standIn.queries.map((q) => q.query);
    expect(texts.some((t) => t.includes(run))).toBe(true);
    expect(
      texts.some((t) => t.includes(`directory (path: "/io/out/0") { export (path: "${root}/out")`)),
    ).toBe(true);
  });
});
