import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiId } from '@proxmox-openapi/core';
import { PipelineError, UsageError } from '@proxmox-openapi/core';
import { CACHE_MOUNTS, NODE_IMAGE } from '@proxmox-openapi/core/dagger';
import { type RecordedQuery, type StandInEngine, startStandInEngine } from '@proxmox-openapi/test-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDaggerEngine } from './dagger-engine.js';
import { CONTAINER_JOB, CONTAINER_RUNNER } from './dagger-job.js';
import type { Engine, SourcePlan, StageRecord, TargetJob, TargetOutcome } from './engine.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');
let tmp: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'dagger-engine-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));
afterEach(() => {
  for (const name of [
    'DAGGER_SESSION_PORT',
    'DAGGER_SESSION_TOKEN',
    'PATH',
    '_EXPERIMENTAL_DAGGER_CLI_BIN',
  ]) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

function job(api: ApiId, source: SourcePlan = { kind: 'snapshot' }): TargetJob {
  return {
    api,
    source,
    snapshotDir: join(root, 'specs', api),
    outDir: join(tmp, 'staging', api),
    cache: { dir: join(tmp, 'cache'), enabled: true },
    downloadCacheDir: join(tmp, 'downloads'),
    openapi: '3.0',
    network: { connectTimeoutMs: 1000, timeoutMs: 5000, retries: 0 },
  };
}

const STAGES = ['fetch', 'diff', 'changelog', 'generate', 'serialize', 'validate', 'stats'] as const;

/** The outcome a container would write for `api`. */
function containerOutcome(api: ApiId): TargetOutcome {
  return {
    api,
    ok: true,
    stages: STAGES.map((stage) => ({ api, stage, status: 'ok', cached: false, durationMs: 5 })),
    files: ['apidoc.json', 'apidoc.meta.json', `${api}-api.json`, `${api}-api.yaml`],
    warnings: [],
    validation: { valid: true, errors: [], warnings: [], operations: 1, markdown: '', text: '' },
  };
}

// The job file is written into the container with withNewFile: the api is in its contents.
function apiOf(query: RecordedQuery): ApiId {
  const m = /\\"api\\": \\"(\w+)\\"/.exec(query.query);
  return (m?.[1] ?? 'pve') as ApiId;
}

/** Whether a query's chain ends in `leaf` (then only closing braces). */
function endsWithLeaf(query: string, leaf: string): boolean {
  const at = query.lastIndexOf(leaf);
  return at >= 0 && /^( \})+$/.test(query.slice(at + leaf.length));
}

async function withEngine(
  standIn: StandInEngine,
  run: (engine: Engine) => Promise<void>,
): Promise<RecordedQuery[]> {
  Object.assign(process.env, standIn.env);
  const engine = await createDaggerEngine({ root });
  try {
    await run(engine);
  } finally {
    await engine.close();
    await standIn.close();
  }
  return standIn.queries;
}

describe('createDaggerEngine against a stand-in engine', () => {
  it('builds PVE and PBS in one container chain each, both sent before either answer, and exports the outputs', async () => {
    const standIn = await startStandInEngine({
      answer: (leaf, q) => (leaf === 'contents' ? JSON.stringify(containerOutcome(apiOf(q))) : undefined),
      hold: { match: (q) => q.fields.at(-1) === 'export', count: 2, releaseAfterMs: 20_000 },
    });
    const seen: StageRecord[] = [];
    const outcomes: TargetOutcome[] = [];
    const queries = await withEngine(standIn, async (engine) => {
      outcomes.push(
        ...(await Promise.all([
          engine.runTarget(job('pve'), (r) => seen.push(r)),
          engine.runTarget(job('pbs'), (r) => seen.push(r)),
        ])),
      );
    });
    expect(standIn.unauthorized).toBe(0);
    // Both exports were waiting at the stand-in at the same time: neither target waited for the other.
    expect(standIn.maxHeld).toBe(2);
    expect(outcomes).toEqual([containerOutcome('pve'), containerOutcome('pbs')]);
    expect(seen.map((r) => `${r.api}:${r.stage}`).sort()).toEqual(
      ['pve', 'pbs'].flatMap((api) => STAGES.map((s) => `${api}:${s}`)).sort(),
    );

    const texts = queries.map((q) => q.query);
    for (const cache of Object.values(CACHE_MOUNTS)) {
      expect(texts).toContain(`{ cacheVolume (key: "${cache.key}") { id } }`);
    }
    expect(texts.filter((t) => t.includes('node_modules') && t.startsWith('{ cacheVolume'))).toEqual([]);
    expect(
      texts.some((t) => t.startsWith(`{ host { directory (path: "${root}",exclude: ["**/node_modules"`)),
    ).toBe(true);

    for (const api of ['pve', 'pbs'] as const) {
      const exports = texts.filter((t) => endsWithLeaf(t, `export (path: "${join(tmp, 'staging', api)}")`));
      expect(exports).toHaveLength(1);
      const chain = exports[0] as string;
      expect(chain.startsWith(`{ container { from (address: "${NODE_IMAGE}")`)).toBe(true);
      const install = chain.indexOf('withExec (args: ["pnpm","install","--frozen-lockfile"');
      const sources = chain.indexOf('exclude: ["**/node_modules"');
      const build = chain.indexOf('withExec (args: ["pnpm","turbo","run","build"');
      const runner = chain.indexOf(
        `withExec (args: ["node","${CONTAINER_RUNNER}","${CONTAINER_JOB.file}","${CONTAINER_JOB.outcome}"])`,
      );
      expect(install).toBeGreaterThan(0);
      expect(sources).toBeGreaterThan(install);
      expect(build).toBeGreaterThan(sources);
      expect(runner).toBeGreaterThan(build);
      // One runner exec per target chain, with this target's job.
      expect(chain.split(CONTAINER_RUNNER)).toHaveLength(2);
      expect(chain).toContain(`\\"api\\": \\"${api}\\"`);
      expect(chain).toContain(`withMountedCache (path: "${CACHE_MOUNTS.apidoc.path}"`);
      expect(chain).toContain(`withMountedCache (path: "${CACHE_MOUNTS.stages.path}"`);
      expect(chain).toContain(
        `directory (path: "${CONTAINER_JOB.outDir}") { export (path: "${join(tmp, 'staging', api)}")`,
      );
      // A snapshot job is deterministic: no per-run stamp that would defeat the engine's cache.
      expect(chain).not.toContain('PROXMOX_OPENAPI_RUN_STAMP');
      // The outcome is read from the same chain.
      expect(
        texts.filter(
          (t) =>
            t.includes(`\\"api\\": \\"${api}\\"`) &&
            endsWithLeaf(t, `file (path: "${CONTAINER_JOB.outcome}") { contents }`),
        ),
      ).toHaveLength(1);
    }
  });

  it('stamps a live fetch so it is never replayed, and mounts a source file', async () => {
    const standIn = await startStandInEngine({
      answer: (leaf, q) => (leaf === 'contents' ? JSON.stringify(containerOutcome(apiOf(q))) : undefined),
    });
    const file = join(tmp, 'pbs-apidoc.js');
    await writeFile(file, 'const apiSchema = [];\n');
    const queries = await withEngine(standIn, async (engine) => {
      await engine.runTarget(
        job('pve', { kind: 'live', url: 'https://example.invalid/apidoc.js', strict: true }),
        () => {},
      );
      await engine.runTarget(job('pbs', { kind: 'file', path: file }), () => {});
    });
    const texts = queries.map((q) => q.query);
    const pve = texts.find(
      (t) => t.includes('\\"api\\": \\"pve\\"') && t.includes('export (path:'),
    ) as string;
    const pbs = texts.find(
      (t) => t.includes('\\"api\\": \\"pbs\\"') && t.includes('export (path:'),
    ) as string;
    expect(pve).toMatch(/withEnvVariable \(name: "PROXMOX_OPENAPI_RUN_STAMP",value: "[^"]+\/pve"\)/);
    expect(pbs).not.toContain('PROXMOX_OPENAPI_RUN_STAMP');
    expect(texts).toContain(`{ host { file (path: "${file}") { id } } }`);
    expect(pbs).toContain('withMountedFile (path: "/job/source/pbs-apidoc.js"');
    expect(pbs).toContain('\\"path\\": \\"/job/source/pbs-apidoc.js\\"');
  });

  it('turns a crashed container into a failed outcome of one line, and the other target still completes', async () => {
    const standIn = await startStandInEngine({
      answer: (leaf, q) => (leaf === 'contents' ? JSON.stringify(containerOutcome(apiOf(q))) : undefined),
      fail: {
        match: (q) => q.query.includes('\\"api\\": \\"pbs\\"') && q.fields.at(-1) === 'export',
        message: 'process "node" did not complete successfully: exit code: 3',
        exitCode: 3,
        stderr:
          'pbs fetch\ndagger-target-runner: engines/local-engine.js does not export createLocalEngine\n',
      },
    });
    let outcomes: TargetOutcome[] = [];
    await withEngine(standIn, async (engine) => {
      outcomes = await Promise.all([
        engine.runTarget(job('pve'), () => {}),
        engine.runTarget(job('pbs'), () => {}),
      ]);
    });
    expect(outcomes[0]).toEqual(containerOutcome('pve'));
    expect(outcomes[1]?.ok).toBe(false);
    expect(outcomes[1]?.failure?.message).toBe(
      'the pbs container failed: dagger-target-runner: engines/local-engine.js does not export createLocalEngine',
    );
  });

  it('refuses an outcome of the wrong shape', async () => {
    const standIn = await startStandInEngine({
      answer: (leaf) =>
        leaf === 'contents' ? JSON.stringify({ ...containerOutcome('pbs'), files: ['../x'] }) : undefined,
    });
    let outcome: TargetOutcome | undefined;
    await withEngine(standIn, async (engine) => {
      outcome = await engine.runTarget(job('pbs'), () => {});
    });
    expect(outcome?.ok).toBe(false);
    expect(outcome?.failure?.message).toBe(
      'the pbs container failed: the pbs container wrote an outcome of the wrong shape',
    );
  });

  it('fails in one line without an engine, before loading the SDK or downloading anything', async () => {
    delete process.env.DAGGER_SESSION_PORT;
    delete process.env.DAGGER_SESSION_TOKEN;
    process.env.PATH = join(tmp, 'empty-path');
    const error = await createDaggerEngine({ root }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^--engine dagger needs the Dagger CLI .*use --engine local$/);
    expect(process.env._EXPERIMENTAL_DAGGER_CLI_BIN).toBeUndefined();
  });

  it('fails in one line when the session port answers nothing', async () => {
    const probe = await startStandInEngine();
    const env = probe.env;
    await probe.close();
    Object.assign(process.env, env);
    const error = await createDaggerEngine({ root }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PipelineError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(`the session on 127.0.0.1:${env.DAGGER_SESSION_PORT} (DAGGER_SESSION_PORT)`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).toMatch(/use --engine local to run without containers$/);
  });
});
