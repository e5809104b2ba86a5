import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { UsageError } from '@proxmox-openapi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDaggerAccess, findOnPath } from './dagger-detect.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dagger-detect-'));
  await writeFile(join(dir, 'dagger'), '#!/bin/sh\nexit 0\n');
  await chmod(join(dir, 'dagger'), 0o755);
  await writeFile(join(dir, 'not-executable'), '');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function refusal(env: NodeJS.ProcessEnv): UsageError {
  try {
    detectDaggerAccess(env);
  } catch (error) {
    return error as UsageError;
  }
  throw new Error('expected a refusal');
}

describe('detectDaggerAccess', () => {
  it('uses a running session when port and token are set', () => {
    expect(detectDaggerAccess({ DAGGER_SESSION_PORT: '4123', DAGGER_SESSION_TOKEN: 't', PATH: '' })).toEqual({
      kind: 'session',
      port: 4123,
    });
  });

  it('uses the dagger CLI found on PATH', () => {
    expect(detectDaggerAccess({ PATH: ['/nonexistent', dir].join(delimiter) })).toEqual({
      kind: 'cli',
      bin: join(dir, 'dagger'),
    });
  });

  it('refuses in one line that names what is missing and --engine local', () => {
    const error = refusal({ PATH: '/nonexistent' });
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toContain('Dagger CLI');
    expect(error.message).toContain('DAGGER_SESSION_PORT');
    expect(error.message).toContain('--engine local');
  });

  it('refuses a port without a token, and a port that is not a number', () => {
    expect(refusal({ DAGGER_SESSION_PORT: '4123' }).message).toMatch(
      /DAGGER_SESSION_TOKEN is not.*--engine local/,
    );
    expect(refusal({ DAGGER_SESSION_PORT: 'abc', DAGGER_SESSION_TOKEN: 't' }).message).toMatch(
      /"abc" is not a port number.*--engine local/,
    );
  });
});

describe('findOnPath', () => {
  it('skips files that are not executable', () => {
    expect(findOnPath('not-executable', dir)).toBeUndefined();
    expect(findOnPath('dagger', dir)).toBe(join(dir, 'dagger'));
  });
});
