import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetJob, TargetOutcome } from './engine.js';
import { makeSnapshotWorkspace } from './test-support/dagger-workspace.js';

// The runner that a target's container executes, run here as the container would run it: the
// built file, a job file, an outcome file. (Turbo runs `build` before `test`.)
const RUNNER = fileURLToPath(new URL('../../dist/engines/dagger-target-runner.js', import.meta.url));

function run(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

let root: string;
beforeAll(async () => {
  root = await makeSnapshotWorkspace(['pbs']);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('dagger-target-runner', () => {
  it('builds a target from its snapshot with the local engine and writes its outcome', async () => {
    expect(existsSync(RUNNER)).toBe(true);
    const job: TargetJob = {
      api: 'pbs',
      source: { kind: 'snapshot' },
      snapshotDir: join(root, 'specs/pbs'),
      outDir: join(root, 'job/out'),
      cache: { dir: join(root, 'cache'), enabled: false },
      downloadCacheDir: join(root, 'downloads'),
      openapi: '3.0',
      network: { connectTimeoutMs: 1000, timeoutMs: 5000, retries: 0 },
    };
    // No out folder yet: in a container the runner makes it.
    await mkdir(join(root, 'job'), { recursive: true });
    await writeFile(join(root, 'job/job.json'), JSON.stringify(job));
    const result = await run([join(root, 'job/job.json'), join(root, 'job/outcome.json')], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('pbs fetch ok');
    expect(result.stderr).toContain('pbs validate ok');

    const outcome = JSON.parse(await readFile(join(root, 'job/outcome.json'), 'utf8')) as TargetOutcome;
    expect(outcome.ok).toBe(true);
    expect(outcome.source?.origin).toBe('snapshot');
    expect(outcome.validation?.valid).toBe(true);
    expect(outcome.stages.map((s) => `${s.stage}:${s.status}`)).toEqual([
      'fetch:ok',
      'diff:ok',
      'changelog:ok',
      'generate:ok',
      'serialize:ok',
      'validate:ok',
      'stats:ok',
    ]);
    // The files it lists are the files it staged.
    expect((await readdir(job.outDir)).sort()).toEqual([...outcome.files].sort());
    expect(outcome.files).toContain('pbs-api.json');
    const spec = JSON.parse(await readFile(join(job.outDir, 'pbs-api.json'), 'utf8')) as { openapi: string };
    expect(spec.openapi).toBe('3.0.3');
  });

  it('exits non-zero with one line when the job cannot be read', async () => {
    const result = await run([join(root, 'missing.json'), join(root, 'o.json')], root);
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^dagger-target-runner: .*missing\.json/);
  });

  it('refuses to start without both file arguments', async () => {
    const result = await run([], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: dagger-target-runner.js JOB.json OUTCOME.json');
  });
});
