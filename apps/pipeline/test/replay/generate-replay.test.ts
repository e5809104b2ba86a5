import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CACHE_MOUNTS, NODE_IMAGE, WORKSPACE_EXCLUDES } from '@proxmox-openapi/core/dagger';
import { type StandInEngine, startStandInEngine } from '@proxmox-openapi/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, hashTree } from '../../src/test-support/workspace.js';
import { loadDaggerModule, REPO_ROOT } from '../dagger-module/load-module.js';
import { replayPlan } from './replay-plan.js';

/*
 * The plan of `dagger call generate --api=pbs`, as the real SDK sends it (recorded by the
 * stand-in engine), replayed in a clean temporary folder with the real pnpm and node: the
 * sources it copies (with its filters), its install (offline, from this machine's pnpm store),
 * its build and its command, each in the plan's working directory with the plan's environment.
 * What it exports must be, byte for byte, what `generate --engine local` writes. This proves the
 * argv, the source selection and the outputs of the plan without a container engine; what it
 * cannot prove is listed in docs/engines.md.
 */

interface GenerateModule {
  generate(api?: string, openapi?: string): import('@dagger.io/dagger').Directory;
}

let engine: StandInEngine;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'plan-replay-'));
  engine = await startStandInEngine();
  Object.assign(process.env, engine.env);
});

afterAll(async () => {
  await engine?.close();
  delete process.env.DAGGER_SESSION_PORT;
  delete process.env.DAGGER_SESSION_TOKEN;
  await rm(tmp, { recursive: true, force: true });
});

const pnpmStore = (): string => {
  const store = spawnSync('pnpm', ['store', 'path'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (store.status !== 0) throw new Error(`pnpm store path: ${store.stderr}`);
  // `--store-dir X` keeps its files in X/v10: the volume is the folder above the versioned one.
  return dirname(store.stdout.trim());
};

describe('the plan of dagger call generate --api=pbs, replayed without an engine', () => {
  it('exports exactly what generate --engine local writes', async () => {
    const moduleDir = join(tmp, 'module');
    await mkdir(moduleDir);
    const { sdk, ProxmoxOpenapi } = await loadDaggerModule<GenerateModule>(moduleDir);
    const exportTo = join(tmp, 'exported-by-plan');
    await sdk.connection(async () => {
      // The source as `dagger call` gives it: the repository with the module's `ignore` list.
      const source = sdk.dag.host().directory(REPO_ROOT, { exclude: [...WORKSPACE_EXCLUDES] });
      await new ProxmoxOpenapi(source).generate('pbs').export(exportTo);
    });
    const leaf = engine.queries.find((q) => q.query.includes(`export (path: ${JSON.stringify(exportTo)})`));
    expect(leaf).toBeDefined();

    const replay = await replayPlan(
      leaf?.query as string,
      (i) => engine.queries.find((q) => q.index === i)?.query,
      {
        root: join(tmp, 'replay'),
        caches: {
          [CACHE_MOUNTS.pnpmStore.key]: pnpmStore(),
          // corepack's downloads (the pinned pnpm), as `corepack enable` left them on this machine.
          [CACHE_MOUNTS.corepack.key]:
            process.env.COREPACK_HOME ?? join(process.env.HOME ?? '', '.cache/node/corepack'),
        },
      },
    );
    // The image is recorded, not replayed (the host's node and pnpm stand in for it).
    expect(replay.image).toBe(NODE_IMAGE);
    // How long each step took, for the record (noisy on a shared machine; never asserted).
    console.log(replay.steps.map((s) => `${s.argv.slice(0, 3).join(' ')}: ${s.ms} ms`).join('\n'));
    expect(replay.steps.map((s) => s.argv.slice(0, 2).join(' '))).toEqual([
      'corepack enable',
      'pnpm install',
      'pnpm turbo',
      'node apps/pipeline/bin/proxmox-openapi.js',
    ]);

    const local = join(tmp, 'local');
    const run = spawnSync(
      process.execPath,
      [
        BIN,
        'generate',
        '--engine',
        'local',
        '--api',
        'pbs',
        '--input',
        'specs/pbs/apidoc.json',
        '--out-dir',
        local,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const expected = await hashTree(local);
    expect(Object.keys(expected ?? {}).sort()).toEqual(['pbs-api.json', 'pbs-api.yaml']);
    expect(await hashTree(replay.exported)).toEqual(expected);
  });
});
