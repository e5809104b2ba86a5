import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturePath, newestFixture } from '@proxmox-openapi/test-fixtures';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../test-support/memory-io.js';
import { main } from './main.js';
import { COMMANDS } from './registry.js';
import { appVersion } from './version.js';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('proxmox-openapi', () => {
  it('lists every command of the contract in --help', async () => {
    const io = memoryIo(here);
    expect(await main(['--help'], io)).toBe(0);
    for (const name of [
      'pipeline',
      'fetch',
      'generate',
      'validate',
      'stats',
      'diff',
      'changelog',
      'site',
      'lint',
    ]) {
      expect(io.out()).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'pipeline',
      'fetch',
      'generate',
      'validate',
      'stats',
      'diff',
      'changelog',
      'site',
      'lint',
    ]);
  });

  it('prints its version from the package manifest with --version', async () => {
    const io = memoryIo(here);
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^proxmox-openapi \d+\.\d+\.\d+\n$/);
    expect(io.out()).toBe(`proxmox-openapi ${appVersion()}\n`);
  });

  it("prints each command's --help with its options, --engine only where the command runs on one", async () => {
    for (const command of COMMANDS) {
      const io = memoryIo(here);
      expect(await main([command.name, '--help'], io)).toBe(0);
      expect(io.out()).toMatch(new RegExp(`^usage: proxmox-openapi ${command.name}`));
      for (const option of Object.keys(command.options)) expect(io.out()).toContain(`--${option}`);
      expect(io.out().includes('--engine ENGINE')).toBe(command.engine !== undefined);
    }
  });

  it('says in each usage line how many arguments a command takes', async () => {
    const usage = async (name: string) => {
      const io = memoryIo(here);
      expect(await main([name, '--help'], io)).toBe(0);
      return io.out().split('\n')[0];
    };
    expect(await usage('diff')).toBe('usage: proxmox-openapi diff OLD NEW [options]');
    expect(await usage('stats')).toBe('usage: proxmox-openapi stats SPEC... [options]');
    expect(await usage('validate')).toBe('usage: proxmox-openapi validate SPEC [options]');
  });

  it('refuses an unknown command with exit code 2 and one line', async () => {
    const io = memoryIo(here);
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toContain('unknown command "frobnicate"');
  });

  it('says an argument error in words, not as an ERR_PARSE_ARGS code, with exit code 2', async () => {
    const cases: [string[], string][] = [
      [
        ['stats', '--nope'],
        "proxmox-openapi stats: unknown option --nope (stats takes --readme) (see 'proxmox-openapi stats --help')\n",
      ],
      [
        ['fetch', '--api'],
        'proxmox-openapi fetch: --api needs a value: API (to pass a value starting with "-", write --api=VALUE) (see \'proxmox-openapi fetch --help\')\n',
      ],
      [
        ['lint', '--fix=1'],
        "proxmox-openapi lint: --fix is a flag and takes no value (see 'proxmox-openapi lint --help')\n",
      ],
      [
        ['pipeline', 'pve'],
        'proxmox-openapi pipeline: unexpected argument "pve": pipeline takes options only (see \'proxmox-openapi pipeline --help\')\n',
      ],
      [
        ['stats', 'x.json', '--engine', 'dagger'],
        "proxmox-openapi stats: unknown option --engine (stats takes --readme) (see 'proxmox-openapi stats --help')\n",
      ],
      [
        ['--frobnicate'],
        "proxmox-openapi: unknown option --frobnicate before the command (commands: pipeline, fetch, generate, validate, stats, diff, changelog, site, lint; see 'proxmox-openapi --help')\n",
      ],
    ];
    for (const [argv, line] of cases) {
      const io = memoryIo(here);
      expect(await main(argv, io)).toBe(2);
      expect(io.err()).toBe(line);
    }
  });

  it('prints an input error as one line naming the input, exit code 3, and the stack with --verbose', async () => {
    const io = memoryIo(here);
    expect(await main(['generate', '--api', 'pve', '--input', 'missing.json', '--out-dir', 'o'], io)).toBe(3);
    expect(io.err()).toMatch(/^proxmox-openapi generate: .*missing\.json.*\n$/);
    const verbose = memoryIo(here);
    await main(
      ['generate', '--api', 'pve', '--input', 'missing.json', '--out-dir', 'o', '--verbose'],
      verbose,
    );
    expect(verbose.err()).toMatch(/\n\s+at /);
  });

  it('prints nothing but errors with --quiet, and still does the work', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cli-quiet-'));
    try {
      const input = fixturePath(newestFixture('pbs').file);
      const argv = ['generate', '--api', 'pbs', '--input', input, '--out-dir', out];
      const loud = memoryIo(here);
      expect(await main(argv, loud)).toBe(0);
      expect(loud.out()).toMatch(/^wrote .*pbs-api\.json/);
      await rm(join(out, 'pbs-api.json'));
      const quiet = memoryIo(here);
      expect(await main([...argv, '--quiet'], quiet)).toBe(0);
      expect(quiet.out()).toBe('');
      expect(quiet.err()).toBe('');
      expect((await readdir(out)).sort()).toEqual(['pbs-api.json', 'pbs-api.yaml']);
      const failing = memoryIo(here);
      expect(
        await main(
          ['generate', '--quiet', '--api', 'pbs', '--input', 'missing.json', '--out-dir', out],
          failing,
        ),
      ).toBe(3);
      expect(failing.err()).toMatch(/^proxmox-openapi generate: .*missing\.json/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('shows usage on stderr and exits 2 without a command', async () => {
    const io = memoryIo(here);
    expect(await main([], io)).toBe(2);
    expect(io.err()).toContain('usage: proxmox-openapi <command>');
  });
});
