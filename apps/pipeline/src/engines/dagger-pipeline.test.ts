import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RecordedQuery, type StandInEngine, startStandInEngine } from '@proxmox-openapi/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coldOfflineWorkspace } from '../test-support/published-workspace.js';
import { removeWorkspaces } from '../test-support/workspace.js';
import { CONTAINER_JOB, CONTAINER_RUNNER } from './dagger-job.js';
import type { TargetJob, TargetOutcome } from './engine.js';
import { makeSnapshotWorkspace } from './test-support/dagger-workspace.js';

/*
 * `proxmox-openapi pipeline --engine dagger` end to end, as a child process of the built CLI,
 * against the stand-in engine. There is no container runtime here, so the stand-in does what
 * each target's container would do when the SDK asks for its outputs: it reads the job that
 * the engine wrote into the container, maps the mounts back to host folders, runs the same
 * built runner (dist/engines/dagger-target-runner.js) on the host, and answers the export by
 * copying the container's output folder to the path the SDK names. Everything on the host
 * side (orchestrator, engine, SDK, GraphQL, export, outcome, publish) is the real code.
 */

const PIPELINE = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(PIPELINE, 'bin/proxmox-openapi.js');
const REPO = join(PIPELINE, '../..');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'pipeline', ...args], {
      cwd,
      env: { HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function runner(jobFile: string, outcomeFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, CONTAINER_RUNNER), jobFile, outcomeFile], {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`runner exited ${code}: ${stderr}`)),
    );
  });
}

async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else
        out[relative(dir, p)] = createHash('sha256')
          .update(await readFile(p))
          .digest('hex');
    }
  };
  await walk(dir);
  return out;
}

// The string argument `name: "…"` of the call that follows `after` in a query.
function argAfter(query: string, after: string, name: string): string | undefined {
  const at = query.indexOf(after);
  if (at < 0) return undefined;
  const m = new RegExp(`${name}: "((?:[^"\\\\]|\\\\.)*)"`).exec(query.slice(at + after.length));
  return m ? (JSON.parse(`"${m[1]}"`) as string) : undefined;
}

/** A stand-in whose exports and outcome reads behave as the targets' containers would. */
async function simulatedContainers(work: string): Promise<StandInEngine> {
  const runs = new Map<string, Promise<string>>();
  const outcomes = new Map<string, string>();
  let engine: StandInEngine | undefined;

  const simulate = (query: RecordedQuery): Promise<string> => {
    const job = JSON.parse(
      argAfter(query.query, `withNewFile (path: "${CONTAINER_JOB.file}"`, 'contents') ?? 'null',
    ) as TargetJob;
    let run = runs.get(job.api);
    if (!run) {
      run = (async () => {
        // The snapshot mount: the id in the chain is the answer to a host directory query.
        const id =
          argAfter(query.query, `withDirectory (path: "${CONTAINER_JOB.snapshotDir}"`, 'source') ?? '';
        const index = Number(id.split('-').at(-1));
        const hostSnapshot = argAfter(engine?.queries[index]?.query ?? '', 'host { directory', 'path');
        const box = join(work, 'containers', job.api);
        const hostJob: TargetJob = {
          ...job,
          snapshotDir: hostSnapshot ?? '',
          outDir: join(box, 'out'),
          cache: { dir: join(work, 'containers/stage-cache'), enabled: job.cache.enabled },
          downloadCacheDir: join(work, 'containers/apidoc-cache'),
        };
        await mkdir(box, { recursive: true });
        await writeFile(join(box, 'job.json'), JSON.stringify(hostJob));
        await runner(join(box, 'job.json'), join(box, 'outcome.json'));
        return join(box, 'outcome.json');
      })();
      runs.set(job.api, run);
    }
    return run;
  };

  engine = await startStandInEngine({
    hold: { match: (q) => q.fields.at(-1) === 'export', count: 2, releaseAfterMs: 20_000 },
    before: async (q) => {
      const leaf = q.fields.at(-1);
      if (!q.query.includes(CONTAINER_RUNNER) || (leaf !== 'export' && leaf !== 'contents')) return;
      const outcomeFile = await simulate(q);
      if (leaf === 'contents') {
        outcomes.set(String(q.index), await readFile(outcomeFile, 'utf8'));
      } else {
        const target = argAfter(q.query, `directory (path: "${CONTAINER_JOB.outDir}")`, 'path') ?? '';
        // Never write outside the test's workspace, whatever the query says.
        if (!target.startsWith(`${dirname(work)}/`))
          throw new Error(`export outside the test workspace: ${target}`);
        await cp(join(outcomeFile, '../out'), target, { recursive: true });
      }
    },
    answer: (leaf, q) => (leaf === 'contents' ? outcomes.get(String(q.index)) : undefined),
  });
  return engine;
}

let work: string;
let daggerRoot: string;
beforeAll(async () => {
  daggerRoot = await makeSnapshotWorkspace(['pve', 'pbs']);
  work = join(daggerRoot, '.stand-in');
});
afterAll(async () => {
  await rm(daggerRoot, { recursive: true, force: true });
  await removeWorkspaces();
});

describe('proxmox-openapi pipeline --engine dagger', () => {
  it('builds PVE and PBS in containers at once, exports their outputs and publishes what the local engine publishes', {
    timeout: 300_000,
  }, async () => {
    const standIn = await simulatedContainers(work);
    let run: Run;
    try {
      run = await cli(
        daggerRoot,
        ['--api', 'both', '--engine', 'dagger', '--offline', '--report', 'run.json'],
        standIn.env,
      );
    } finally {
      await standIn.close();
    }
    expect(run.stderr).not.toContain('Error');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^pve\s+\d+\s+\d+\s+valid/m);
    expect(run.stdout).toMatch(/^pbs\s+\d+\s+\d+\s+valid/m);

    // Both targets' exports were at the engine together: neither waited for the other.
    expect(standIn.maxHeld).toBe(2);
    const texts = standIn.queries.map((q) => q.query);
    for (const api of ['pve', 'pbs']) {
      const chains = texts.filter(
        (t) =>
          t.includes(`\\"api\\": \\"${api}\\"`) &&
          t.includes(`directory (path: "${CONTAINER_JOB.outDir}") { export`),
      );
      expect(chains).toHaveLength(1);
      expect(chains[0]?.split(CONTAINER_RUNNER)).toHaveLength(2);
    }
    expect(texts.some((t) => t.startsWith(`{ host { directory (path: "${daggerRoot}",exclude: [`))).toBe(
      true,
    );

    const report = JSON.parse(await readFile(join(daggerRoot, 'run.json'), 'utf8')) as {
      options: { engine: string };
      targets: TargetOutcome[];
      published: boolean;
    };
    expect(report.options.engine).toBe('dagger');
    expect(report.published).toBe(true);
    expect(report.targets.map((t) => [t.api, t.ok, t.stages.length])).toEqual([
      ['pve', true, 7],
      ['pbs', true, 7],
    ]);

    // The same documents as the local engine makes from the same snapshots: the workspace that
    // a cold `pipeline --api both --offline` run published (the fixture built once per test run,
    // published-workspace.ts), whose report says it ran on the local engine.
    const local = await coldOfflineWorkspace();
    expect(local.run.status, local.run.stderr).toBe(0);
    const localReport = JSON.parse(await readFile(join(local.root, 'cold.json'), 'utf8')) as {
      options: { engine: string };
    };
    expect(localReport.options.engine).toBe('local');
    const localRoot = local.root;
    const fromDagger = await hashTree(join(daggerRoot, 'specs'));
    const fromLocal = await hashTree(join(localRoot, 'specs'));
    const documents = Object.keys(fromLocal).filter((p) =>
      /\/(pve|pbs)-api\.(json|yaml)$|\/apidoc(\.meta)?\.json$/.test(p),
    );
    expect(documents).toHaveLength(8);
    for (const path of documents) expect(fromDagger[path], path).toBe(fromLocal[path]);
    expect(Object.keys(fromDagger).sort()).toEqual(Object.keys(fromLocal).sort());
  });

  it('fails in one line that names --engine local when no engine can be reached, and leaves specs/ alone', async () => {
    const before = await hashTree(join(daggerRoot, 'specs'));
    const run = await cli(daggerRoot, ['--api', 'both', '--engine', 'dagger', '--offline'], {
      PATH: join(daggerRoot, 'no-bin'),
    });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('--engine local'))).toHaveLength(1);
    expect(run.stderr).toContain('needs the Dagger CLI');
    expect(await hashTree(join(daggerRoot, 'specs'))).toEqual(before);
  });
});
