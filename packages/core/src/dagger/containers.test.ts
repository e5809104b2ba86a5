import { readFileSync } from 'node:fs';
import { connect } from '@dagger.io/dagger';
import { type StandInEngine, startStandInEngine } from '@proxmox-openapi/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PACKAGE, getBuiltWorkspace, getWorkspaceContainer } from './containers.js';
import { NODE_IMAGE, NODE_IMAGE_MAJOR } from './image.js';
import { CACHE_MOUNTS, WORKSPACE_MANIFESTS } from './layout.js';
import { withWorkspaceRun } from './workspace-run.js';

const root = new URL('../../../../', import.meta.url);

let engine: StandInEngine;
const saved = { port: process.env.DAGGER_SESSION_PORT, token: process.env.DAGGER_SESSION_TOKEN };

beforeAll(async () => {
  engine = await startStandInEngine({ answer: (leaf) => (leaf === 'stdout' ? 'built\n' : undefined) });
  Object.assign(process.env, engine.env);
});

afterAll(async () => {
  await engine.close();
  for (const [name, value] of [
    ['DAGGER_SESSION_PORT', saved.port],
    ['DAGGER_SESSION_TOKEN', saved.token],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** The queries that the SDK sent while `run` used a connected client. */
async function capture(run: Parameters<typeof connect>[0]): Promise<string[]> {
  const before = engine.queries.length;
  await connect(run);
  return engine.queries.slice(before).map((q) => q.query);
}

describe('the pinned base image', () => {
  it('is pinned by a sha256 digest to the newest Node major that engines admit', () => {
    expect(NODE_IMAGE).toMatch(/^docker\.io\/library\/node:(\d+)[\w.-]*@sha256:[0-9a-f]{64}$/);
    expect(NODE_IMAGE).toContain(`node:${NODE_IMAGE_MAJOR}-`);
    const engines = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).engines.node as string;
    const lowest = Number(/>=\s*(\d+)/.exec(engines)?.[1]);
    const below = Number(/<\s*(\d+)/.exec(engines)?.[1]);
    expect(NODE_IMAGE_MAJOR).toBeGreaterThanOrEqual(lowest);
    expect(NODE_IMAGE_MAJOR).toBe(below - 1);
  });
});

describe('the workspace manifests', () => {
  it('cover every package folder that pnpm-workspace.yaml declares', () => {
    const workspace = readFileSync(new URL('pnpm-workspace.yaml', root), 'utf8');
    const globs = [...workspace.matchAll(/^\s+-\s+["']?([^"'\n]+?)["']?\s*$/gm)].map((m) => m[1]);
    expect(globs.length).toBeGreaterThan(0);
    for (const glob of globs) {
      expect(WORKSPACE_MANIFESTS).toContain(`${glob}/package.json`);
      expect(WORKSPACE_MANIFESTS).toContain(`${glob}/bin/**`);
    }
    for (const file of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc']) {
      expect(WORKSPACE_MANIFESTS).toContain(file);
    }
  });
});

describe('getBuiltWorkspace over the SDK', () => {
  it('sends one lazy chain: pinned image, caches, manifests, frozen install, sources, build', async () => {
    const queries = await capture(async (client) => {
      const source = client.host().directory('/repo');
      const out = await getBuiltWorkspace(client, source).withExec(['echo', 'built']).stdout();
      expect(out).toBe('built\n');
    });
    expect(engine.unauthorized).toBe(0);
    // Nested objects are resolved to ids first: the cache volumes and the host directory.
    expect(queries).toContain(`{ cacheVolume (key: "${CACHE_MOUNTS.pnpmStore.key}") { id } }`);
    expect(queries).toContain(`{ cacheVolume (key: "${CACHE_MOUNTS.corepack.key}") { id } }`);
    expect(queries.filter((q) => q.startsWith('{ host { directory (path: "/repo")'))).not.toHaveLength(0);
    const chains = queries.filter((q) => q.startsWith('{ container {'));
    expect(chains).toHaveLength(1);
    const chain = chains[0] as string;
    expect(chain).toContain(`from (address: "${NODE_IMAGE}")`);
    expect(chain).toContain('withExec (args: ["corepack","enable"])');
    const mounts = [...chain.matchAll(/withMountedCache \(path: "([^"]+)",cache: "([^"]+)"\)/g)];
    const volumeIds = engine.queries
      .filter((q) => q.query.startsWith('{ cacheVolume'))
      .map((q) => `stand-in-cacheVolume-${q.index}`);
    // Each mount uses the id that its cacheVolume query returned; none of them is node_modules.
    expect(mounts.map((m) => m[1]).sort()).toEqual(
      [CACHE_MOUNTS.corepack.path, CACHE_MOUNTS.pnpmStore.path].sort(),
    );
    for (const m of mounts) expect(volumeIds).toContain(m[2]);
    expect(chain).not.toMatch(/withMountedCache \(path: "[^"]*node_modules/);
    const manifests = chain.indexOf('include: ["package.json","pnpm-lock.yaml"');
    const install = chain.indexOf('withExec (args: ["pnpm","install","--frozen-lockfile"');
    const sources = chain.indexOf('exclude: ["**/node_modules"');
    const build = chain.indexOf('withExec (args: ["pnpm","turbo","run","build"');
    expect(manifests).toBeGreaterThan(0);
    expect(install).toBeGreaterThan(manifests);
    expect(sources).toBeGreaterThan(install);
    expect(build).toBeGreaterThan(sources);
    expect(chain.endsWith('withExec (args: ["echo","built"]) { stdout } } } } } } } } } } } } } } } }')).toBe(
      true,
    );
  });

  it('builds the command line and what it loads, and everything only when asked (lint)', async () => {
    const queries = await capture(async (client) => {
      const source = client.host().directory('/repo');
      await getBuiltWorkspace(client, source).withExec(['echo', 'cli']).stdout();
      await getBuiltWorkspace(client, source, 'everything').withExec(['echo', 'all']).stdout();
    });
    const chainOf = (leaf: string) =>
      queries.find((q) => q.startsWith('{ container {') && q.includes(`"echo","${leaf}"`)) as string;
    expect(chainOf('cli')).toContain(
      `withExec (args: ["pnpm","turbo","run","build","--filter=${CLI_PACKAGE}...","--output-logs=errors-only"])`,
    );
    expect(chainOf('all')).toContain(
      'withExec (args: ["pnpm","turbo","run","build","--output-logs=errors-only"])',
    );
  });

  it('sends nothing until a leaf is awaited', async () => {
    const queries = await capture(async (client) => {
      getWorkspaceContainer(client, client.host().directory('/repo'));
    });
    expect(queries.filter((q) => q.includes('container'))).toEqual([]);
  });
});

describe('withWorkspaceRun', () => {
  it('puts the inputs in place, makes the output folders, then runs the argv; any exit code only when asked', async () => {
    const queries = await capture(async (client) => {
      const workspace = getBuiltWorkspace(client, client.host().directory(root.pathname));
      const done = withWorkspaceRun(workspace, {
        argv: ['node', 'tool.js', '--in', '/io/in/a.json'],
        inputs: [
          { path: '/io/in/a.json', file: client.host().file(`${root.pathname}package.json`) },
          { path: '/io/specs', directory: client.directory() },
          { path: '/io/job.json', contents: '{}\n' },
        ],
        outputDirs: ['/io/out/0'],
        anyExitCode: true,
      });
      await done.stdout();
      await withWorkspaceRun(workspace, { argv: ['true'] }).stdout();
    });
    const run = queries.find((q) => q.includes('"tool.js"')) as string;
    const order = [
      'withMountedFile (path: "/io/in/a.json"',
      'withDirectory (path: "/io/specs"',
      'withNewFile (path: "/io/job.json",contents: "{}\\n"',
      'withExec (args: ["mkdir","-p","/io/out/0"])',
      'withExec (args: ["node","tool.js","--in","/io/in/a.json"],expect: ANY)',
    ].map((part) => run.indexOf(part));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(queries.some((q) => q.includes('withExec (args: ["true"]) { stdout }'))).toBe(true);
  });
});
