import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Client, Container, Directory, File } from '@dagger.io/dagger';
import { connect } from '@dagger.io/dagger';
import { CACHE_MOUNTS, getBuiltWorkspace, getWorkspaceSources } from '@proxmox-openapi/core/dagger';
import { type StandInEngine, startStandInEngine } from '@proxmox-openapi/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTAINER_CLI as PIPELINE_BIN } from '../../src/engines/dagger-job.js';

/*
 * The command lines of the Dagger module's functions (dagger/src/cli-calls.ts), driven through
 * the real SDK against the stand-in engine. The module is not a workspace package: its file is
 * loaded by path (its SDK imports are types only), and what the test uses of it is typed here.
 */
interface CliCalls {
  CLI_BIN: string;
  generateApis(
    client: Client,
    source: Directory,
    apis: readonly string[],
    openapi?: '3.0' | '3.1',
  ): Directory;
  withLintFix(container: Container): Container;
  validationReport(client: Client, source: Directory, specs: Directory, apis: readonly string[]): File;
  pipelineSpecs(
    client: Client,
    source: Directory,
    options: { api: string; publish?: boolean; stamp: string },
  ): Directory;
}
const moduleFile = fileURLToPath(new URL('../../../../dagger/src/cli-calls.ts', import.meta.url));
let calls: CliCalls;

let engine: StandInEngine;

beforeAll(async () => {
  calls = (await import(pathToFileURL(moduleFile).href)) as CliCalls;
  engine = await startStandInEngine();
  Object.assign(process.env, engine.env);
});

afterAll(async () => {
  await engine.close();
  delete process.env.DAGGER_SESSION_PORT;
  delete process.env.DAGGER_SESSION_TOKEN;
});

async function capture(run: Parameters<typeof connect>[0]): Promise<string[]> {
  const before = engine.queries.length;
  await connect(run);
  return engine.queries.slice(before).map((q) => q.query);
}

const cli = (...args: string[]) => `withExec (args: ${JSON.stringify(['node', PIPELINE_BIN, ...args])}`;

describe('stage functions over the SDK', () => {
  it('generateApis issues one branch per API in a single request for the leaf', async () => {
    const queries = await capture(async (client) => {
      await calls.generateApis(client, client.host().directory('/repo'), ['pve', 'pbs']).export('/tmp/out');
    });
    const exports = queries.filter((q) => q.includes('export (path: "/tmp/out")'));
    expect(exports).toHaveLength(1);
    // The two branches were resolved to ids before the leaf: each is its own generate chain.
    const pve = queries.filter((q) =>
      q.includes('"generate","--api","pve","--input","specs/pve/apidoc.json","--out-dir","/out/pve"'),
    );
    const pbs = queries.filter((q) =>
      q.includes('"generate","--api","pbs","--input","specs/pbs/apidoc.json","--out-dir","/out/pbs"'),
    );
    expect(pve).toHaveLength(1);
    expect(pbs).toHaveLength(1);
    expect(pve[0]).toContain('directory (path: "/out/pve") { id }');
    // The leaf joins exactly the ids that those two chains returned.
    const idOf = (q: string) => `stand-in-directory-${engine.queries.find((r) => r.query === q)?.index}`;
    expect(exports[0]).toBe(
      `{ directory { withDirectory (path: "pve",source: "${idOf(pve[0] as string)}") { withDirectory (path: "pbs",source: "${idOf(pbs[0] as string)}") { export (path: "/tmp/out") } } } }`,
    );
  });

  it('withLintFix lets lint fail and returns the sources without installs or outputs', async () => {
    const queries = await capture(async (client) => {
      const fixed = getWorkspaceSources(
        calls.withLintFix(getBuiltWorkspace(client, client.host().directory('/repo'))),
      );
      await fixed.export('/tmp/fixed');
    });
    const leaf = queries.find((q) => q.includes('export (path: "/tmp/fixed")')) as string;
    expect(leaf).toContain(`${cli('lint', '--fix')},expect: ANY)`);
    expect(leaf).toMatch(/directory \(path: "\/workspace"\) \{ filter \(exclude: \["\*\*\/node_modules"/);
  });

  it('validationReport validates each API, keeps going on findings and joins the reports', async () => {
    const queries = await capture(async (client) => {
      const repo = client.host().directory('/repo');
      await calls
        .validationReport(client, repo, client.host().directory('/repo/specs'), ['pve', 'pbs'])
        .export('/tmp/r.json');
    });
    const leaf = queries.find((q) => q.includes('export (path: "/tmp/r.json")')) as string;
    for (const api of ['pve', 'pbs']) {
      expect(leaf).toContain(
        `${cli('validate', `/specs/${api}/${api}-api.json`, '--apidoc', `/specs/${api}/apidoc.json`, '--report', `/out/reports/${api}.json`)},expect: ANY)`,
      );
    }
    expect(leaf).toMatch(
      /withExec \(args: \["node","-e",.*"\/out\/reports","\/out\/validation-report.json"\]\) \{ file \(path: "\/out\/validation-report.json"\) \{ export/,
    );
  });

  it('pipelineSpecs mounts the apidoc download cache, stamps the run and returns specs/', async () => {
    const queries = await capture(async (client) => {
      await calls
        .pipelineSpecs(client, client.host().directory('/repo'), {
          api: 'both',
          publish: true,
          stamp: 'run-42',
        })
        .export('/tmp/specs');
    });
    expect(queries).toContain(`{ cacheVolume (key: "${CACHE_MOUNTS.apidoc.key}") { id } }`);
    expect(queries).toContain(`{ cacheVolume (key: "${CACHE_MOUNTS.stages.key}") { id } }`);
    const leaf = queries.find((q) => q.includes('export (path: "/tmp/specs")')) as string;
    // The pipeline keeps its downloads in <cache-dir>/downloads: the apidoc volume is mounted there.
    const idOf = (key: string) =>
      `stand-in-cacheVolume-${engine.queries.find((q) => q.query === `{ cacheVolume (key: "${key}") { id } }`)?.index}`;
    expect(leaf).toContain(
      `withMountedCache (path: "${CACHE_MOUNTS.stages.path}",cache: "${idOf(CACHE_MOUNTS.stages.key)}")`,
    );
    const cache = leaf.indexOf(
      `withMountedCache (path: "${CACHE_MOUNTS.stages.path}/downloads",cache: "${idOf(CACHE_MOUNTS.apidoc.key)}")`,
    );
    const stamp = leaf.indexOf('withEnvVariable (name: "PROXMOX_OPENAPI_RUN_STAMP",value: "run-42")');
    const run = leaf.indexOf(
      cli(
        'pipeline',
        '--api',
        'both',
        '--engine',
        'local',
        '--cache-dir',
        CACHE_MOUNTS.stages.path,
        '--publish',
      ),
    );
    expect(cache).toBeGreaterThan(0);
    expect(stamp).toBeGreaterThan(cache);
    expect(run).toBeGreaterThan(stamp);
    expect(leaf).toContain('directory (path: "/workspace/specs") { export (path: "/tmp/specs") }');
  });
});

describe('the command line the module runs', () => {
  it("is the app's own bin, the one --engine dagger runs", () => {
    expect(calls.CLI_BIN).toBe(PIPELINE_BIN);
  });
});
