import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Client, Container } from '@dagger.io/dagger';
import { describeError, PipelineError } from '@proxmox-openapi/core';
import {
  getBuiltWorkspace,
  type RunInput,
  WORKSPACE_EXCLUDES,
  withApidocCache,
  withFreshDownloads,
  withStageCache,
  withWorkspaceRun,
} from '@proxmox-openapi/core/dagger';
import { type DaggerAccess, detectDaggerAccess } from './dagger-detect.js';
import { CONTAINER_JOB, CONTAINER_RUNNER, parseContainerOutcome, toContainerJob } from './dagger-job.js';
import {
  crashedOutcome,
  type EngineFactory,
  type StageListener,
  type TargetJob,
  type TargetOutcome,
} from './engine.js';

/** A connected client and the way to end its session. */
export interface Session {
  client: Client;
  close(): Promise<void>;
}

/**
 * Connects to the engine that `access` names and checks that it answers. The SDK is imported
 * here, after the access check, and only when `--engine dagger` is asked for: loading it costs
 * about 1.5 s. `connection` keeps the session open while its callback runs, so the callback
 * waits until the session is closed (`connection` rather than `connect`, which prints a stack
 * trace of its own when the engine does not answer).
 * @throws the SDK's error when it does not answer; `openDaggerSession` turns it into one line.
 */
export async function openSession(access: DaggerAccess): Promise<Session> {
  if (access.kind === 'cli') {
    // The SDK's provisioning runs this binary instead of downloading one of its own.
    process.env._EXPERIMENTAL_DAGGER_CLI_BIN = access.bin;
  }
  const { connection, dag } = await import('@dagger.io/dagger');
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let finished: Promise<void> = Promise.resolve();
  let engineFailure: unknown;
  const stopWatching = watchSessionFailure((error) => {
    engineFailure = error;
  });
  let client: Client;
  try {
    client = await new Promise<Client>((resolve, reject) => {
      finished = connection(async () => {
        resolve(dag);
        await released;
      }).catch((error: unknown) => reject(error));
    });
  } catch (error) {
    // The SDK's own error about the CLI (its stderr) arrives as an unhandled rejection on a
    // later turn; wait for it, so that the message says why the engine did not start.
    await new Promise((resolve) => setImmediate(resolve));
    stopWatching();
    throw engineFailure ?? error;
  }
  const session = {
    client,
    close: async () => {
      release();
      await finished;
    },
  };
  try {
    // One cheap query, so that an engine that does not answer is one clear error here instead
    // of one confusing error per target later.
    await client.version();
  } catch (error) {
    await session.close().catch(() => {});
    await new Promise((resolve) => setImmediate(resolve));
    throw engineFailure ?? error;
  } finally {
    stopWatching();
  }
  return session;
}

/**
 * The SDK (0.21.9) reports a `dagger` CLI that exits before it printed its connection
 * parameters (no container runtime, a broken install) by throwing inside a promise handler of
 * its own: an unhandled rejection, which would end the process with a stack trace and exit 1,
 * before the pipeline releases its lock and staging folder. While a session opens, such an
 * error (the SDK's `EngineSessionError`) is taken as the session's failure instead; any other
 * unhandled rejection is thrown on, as Node would.
 */
function watchSessionFailure(onFailure: (error: unknown) => void): () => void {
  const listener = (reason: unknown): void => {
    if (reason instanceof Error && reason.name === 'EngineSessionError') {
      onFailure(reason);
      return;
    }
    throw reason;
  };
  process.on('unhandledRejection', listener);
  return () => {
    process.off('unhandledRejection', listener);
  };
}

// The SDK wraps network failures ("… make sure the function called is awaited"); the innermost
// cause (ECONNREFUSED, ENOENT of the CLI, …) is the one that says what is wrong.
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth++) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return current;
}

/**
 * Finds the engine (a session, or the CLI on PATH; never a download) and connects to it.
 * @throws UsageError or PipelineError, one line naming `--engine local`, when that fails.
 */
export async function openDaggerSession(env: NodeJS.ProcessEnv = process.env): Promise<Session> {
  const access = detectDaggerAccess(env);
  try {
    return await openSession(access);
  } catch (error) {
    const via =
      access.kind === 'cli' ? access.bin : `the session on 127.0.0.1:${access.port} (DAGGER_SESSION_PORT)`;
    throw new PipelineError(
      'internal',
      `--engine dagger: could not reach the Dagger engine through ${via}: ${describeError(rootCause(error))}; use --engine local to run without containers`,
    );
  }
}

/** The container of one target: the built workspace, its caches, its job, and the runner. */
export function withTargetJob(
  container: Container,
  client: Client,
  job: TargetJob,
  stamp: string,
): Container {
  // The job's download cache and stage cache (see toContainerJob) are the engine's volumes.
  let c = withStageCache(withApidocCache(container, client), client);
  // Only a live fetch must never be replayed from the engine's cache: a file or snapshot job
  // is a pure function of its inputs, and the engine may reuse its result.
  if (job.source.kind === 'live') c = withFreshDownloads(c, stamp);
  const inputs: RunInput[] = [
    {
      path: CONTAINER_JOB.snapshotDir,
      directory: existsSync(job.snapshotDir) ? client.host().directory(job.snapshotDir) : client.directory(),
    },
  ];
  if (job.historyDir !== undefined && existsSync(job.historyDir)) {
    inputs.push({ path: CONTAINER_JOB.historyDir, directory: client.host().directory(job.historyDir) });
  }
  if (job.source.kind === 'file') {
    inputs.push({
      path: `${CONTAINER_JOB.sourceDir}/${basename(job.source.path)}`,
      file: client.host().file(job.source.path),
    });
  }
  inputs.push({ path: CONTAINER_JOB.file, contents: `${JSON.stringify(toContainerJob(job), null, 2)}\n` });
  return withWorkspaceRun(c, {
    argv: ['node', CONTAINER_RUNNER, CONTAINER_JOB.file, CONTAINER_JOB.outcome],
    inputs,
  });
}

// An exec error carries the command's stderr; its last non-empty line is the one that says why.
function containerFailure(api: string, error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const last =
    typeof stderr === 'string'
      ? stderr
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .at(-1)
      : undefined;
  return `the ${api} container failed: ${last ?? describeError(rootCause(error))}`;
}

/**
 * The `dagger` engine: each target runs in its own container built from the core builders
 * (pinned Node image, frozen-lockfile install, the workspace's sources and build), where the
 * local engine's stage code builds it; the staged files are exported into `job.outDir` and the
 * container's outcome is returned. Targets asked for together run in parallel in the engine.
 * @throws UsageError (one line, naming `--engine local`) when no engine can be reached; nothing is downloaded.
 */
export const createDaggerEngine: EngineFactory = async ({ root }) => {
  const session = await openDaggerSession();
  const { client } = session;
  // One workspace for every target: the same chain up to the build, which the engine runs once.
  const workspace = getBuiltWorkspace(
    client,
    client.host().directory(root, { exclude: [...WORKSPACE_EXCLUDES] }),
  );
  const runStamp = new Date().toISOString();

  return {
    name: 'dagger',
    async runTarget(job: TargetJob, onStage: StageListener, signal?: AbortSignal): Promise<TargetOutcome> {
      if (signal?.aborted)
        return crashedOutcome(job, `the ${job.api} target was cancelled before it started`);
      const done = withTargetJob(workspace, client, job, `${runStamp}/${job.api}`);
      let outcome: TargetOutcome;
      try {
        const [, text] = await Promise.all([
          done.directory(CONTAINER_JOB.outDir).export(job.outDir),
          done.file(CONTAINER_JOB.outcome).contents(),
        ]);
        outcome = parseContainerOutcome(text, job.api);
      } catch (error) {
        return crashedOutcome(job, containerFailure(job.api, error));
      }
      // The stages ran in the container; their records arrive together, in their order.
      for (const record of outcome.stages) onStage(record);
      return outcome;
    },
    close: () => session.close(),
  };
};
