import { describe, expect, it } from 'vitest';
import { type CommandIo, defineCommand, runCommand } from './cli-command.js';
import { InputError } from './errors.js';

function memoryIo(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (c: string) => out.push(c) },
    stderr: { write: (c: string) => err.push(c) },
    env: {},
    cwd: process.cwd(),
  };
}

const failing = defineCommand({
  name: 'demo',
  summary: 'a demo',
  usage: 'usage: proxmox-openapi demo --file FILE',
  options: { file: { type: 'string' } },
  async run({ values }) {
    throw new InputError(`cannot read ${String(values.file)}:\nmissing`, { api: 'pve', stage: 'fetch' });
  },
});

describe('runCommand', () => {
  it('prints help and exits 0', async () => {
    const io = memoryIo();
    expect(await runCommand(failing, ['--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('usage: proxmox-openapi demo');
  });

  it('turns an unknown option into a one-line usage error with exit code 2', async () => {
    const io = memoryIo();
    expect(await runCommand(failing, ['--nope'], io)).toBe(2);
    expect(io.err.join('').trim().split('\n')).toHaveLength(1);
    expect(io.err.join('')).toContain("'--nope'");
  });

  it('prints an input error as one line naming the API and stage, exit code 3', async () => {
    const io = memoryIo();
    expect(await runCommand(failing, ['--file', 'x.js'], io)).toBe(3);
    expect(io.err.join('')).toBe('proxmox-openapi demo [pve/fetch]: cannot read x.js: missing\n');
  });

  it('adds the stack with --verbose', async () => {
    const io = memoryIo();
    await runCommand(failing, ['--file', 'x.js', '--verbose'], io);
    expect(io.err.join('')).toMatch(/\n\s+at /);
  });
});
