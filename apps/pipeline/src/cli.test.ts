import { fileURLToPath } from 'node:url';
import type { CommandIo } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import { main } from './cli.js';
import { COMMANDS } from './commands.js';

function memoryIo(
  cwd = fileURLToPath(new URL('.', import.meta.url)),
): CommandIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}

describe('proxmox-openapi', () => {
  it('lists every command of the contract in --help', async () => {
    const io = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const name of ['pipeline', 'fetch', 'generate', 'validate', 'stats', 'lint']) {
      expect(io.out()).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it('lists each command with its own summary and name (the lazy list cannot drift)', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.summary).toBe(entry.summary);
    }
  });

  it('refuses an unknown command with exit code 2 and one line', async () => {
    const io = memoryIo();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toContain('unknown command "frobnicate"');
  });

  it('shows usage on stderr and exits 2 without a command', async () => {
    const io = memoryIo();
    expect(await main([], io)).toBe(2);
    expect(io.err()).toContain('usage: proxmox-openapi <command>');
  });
});
