import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type ApiId, describeError, getApiTarget, PipelineError, sha256 } from '@proxmox-openapi/core';
import type { TargetJob } from '../engines/engine.js';
import { createEngine } from '../engines/index.js';
import { assembleStaged, updateRootReadme } from '../publish/assemble.js';
import { refuseForeignEntries } from '../publish/foreign-entries.js';
import { sweepAtomicLeftovers } from '../publish/leftovers.js';
import { commitStaging, createStaging, lockPathFor, recoverStaging } from '../publish/publish.js';
import { buildRelease, readPublishedApis, readReleaseApis } from '../publish/release.js';
import { compareRelease } from '../publish/release-comparison.js';
import { readPreviousRelease } from '../publish/release-manifest.js';
import {
  createReleaseStaging,
  markReleaseReady,
  recoverReleaseStaging,
  swapRelease,
} from '../publish/release-staging.js';
import type { TimedOutcome } from '../report/progress.js';
import { displayPath } from './fetch-source.js';
import { checkpoint } from './kill-point.js';
import { planSource } from './pipeline-options.js';
import type { RunContext } from './run-context.js';
import { acquireRunLock } from './run-lock.js';
import { sitePhase } from './site-phase.js';
import { StageCache } from './stage-cache.js';
import { generatorVersion } from './stages.js';
import { findUnchanged, forgetUnchanged, recordUnchanged } from './unchanged-record.js';

/** Where `--publish` puts the release artifacts. */
function releaseDirOf(root: string): string {
  return join(root, 'dist', 'release');
}

/** One step of a run, over the context the steps share. */
export interface RunPhase {
  readonly name: string;
  /** Skipped when nothing changed since the last publish (the `unchanged` phase decides). */
  readonly buildsOrPublishes?: boolean;
  run(context: RunContext): Promise<void>;
}

// The worst failure decides the exit code: usage (2) over input and network (3) over findings (1).
const SEVERITY: Record<string, number> = { findings: 1, input: 2, network: 2, internal: 2, usage: 3 };

function runError(outcomes: readonly TimedOutcome[], specsLabel: string): PipelineError {
  const failed = outcomes.filter((o) => !o.ok && o.failure);
  const worst = [...failed].sort(
    (a, b) => (SEVERITY[b.failure?.code ?? ''] ?? 0) - (SEVERITY[a.failure?.code ?? ''] ?? 0),
  )[0];
  const first = failed[0];
  const parts = failed.map((o) => `${o.api} failed at ${o.failure?.stage}: ${o.failure?.message}`);
  return new PipelineError(
    worst?.failure?.code ?? 'internal',
    `${parts.join('; ')}; ${specsLabel} was not changed`,
    {
      ...(failed.length === 1 && first?.failure ? { api: first.api, stage: first.failure.stage } : {}),
    },
  );
}

/** The APIs ordered by the size of a file of each (its published snapshot), largest first. */
async function largestFirst(apis: readonly ApiId[], fileOf: (api: ApiId) => string): Promise<ApiId[]> {
  const sizes = new Map<ApiId, number>();
  for (const api of apis) sizes.set(api, (await stat(fileOf(api)).catch(() => undefined))?.size ?? 0);
  // Stable: equal sizes (nothing published yet) keep the order asked for.
  return [...apis].sort((a, b) => (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0));
}

/** Waits for (or refuses, with a timeout of 0) the lock of the specs folder. */
const lock: RunPhase = {
  name: 'lock',
  async run(context) {
    const { options, progress, specsLabel } = context;
    context.lock = await acquireRunLock(lockPathFor(options.specsDir), {
      timeoutMs: options.lockTimeoutMs,
      target: specsLabel,
      onWait: (owner) =>
        progress.essential(
          `waiting for another pipeline run on ${specsLabel}${owner ? ` (pid ${owner.pid}, started ${owner.startedAt})` : ''} to finish…`,
        ),
    });
    context.report.lock = { acquiredAt: new Date().toISOString() };
  },
};

/** Finishes or undoes the publish of an interrupted earlier run. */
const recover: RunPhase = {
  name: 'recover',
  async run({ options, progress, report, specsLabel }) {
    report.recovered = await recoverStaging(options.specsDir);
    // After specs/: a release is rolled forward only with the specs it was built from.
    const releases = await recoverReleaseStaging(releaseDirOf(options.root), options.specsDir);
    // The root README is written atomically after the swap; a run killed there left its
    // temporary file beside it.
    await sweepAtomicLeftovers(dirname(options.specsDir), ['README.md']);
    for (const action of report.recovered) {
      progress.essential(
        action.action === 'rolled-forward'
          ? `recovered: finished the publish that an interrupted run had committed (${specsLabel} is the new set)`
          : `recovered: removed the staging folder of an interrupted run (${specsLabel} kept the old set)`,
      );
    }
    for (const action of releases) {
      report.recovered.push(action);
      progress.essential(
        action.action === 'rolled-forward'
          ? 'recovered: put in place the release that an interrupted run had built with its specs'
          : 'recovered: removed the release staging folder of an interrupted run (dist/release kept the old release)',
      );
    }
  },
};

/**
 * Checks that the stage cache can be used (else warns once and runs uncached, as the README
 * promises) and removes stale entries of it.
 */
const sweep: RunPhase = {
  name: 'sweep',
  async run(context) {
    const { options } = context;
    const cache = new StageCache(options.cacheDir, options.cache);
    const problem = await cache.probe();
    if (problem !== undefined) {
      context.cacheUnusable = problem;
      context.report.warnings.push(
        `the stage cache ${displayPath(options.cacheDir, options.root)} cannot be used (${problem}): this run is uncached`,
      );
      return;
    }
    await cache.sweep();
  },
};

/**
 * Decides whether anything changed since the last publish (unchanged-record.ts); when nothing
 * did, the run reports that publish's outcomes as replayed and leaves `specs/` alone.
 */
const unchanged: RunPhase = {
  name: 'unchanged',
  async run(context) {
    const { options, progress, report } = context;
    if (context.cacheUnusable !== undefined) return;
    const outcomes = await findUnchanged(options, new StageCache(options.cacheDir, options.cache));
    if (!outcomes) return;
    context.unchanged = true;
    context.outcomes = outcomes;
    report.targets = [...outcomes];
    for (const outcome of outcomes) {
      report.warnings.push(...outcome.warnings);
      for (const record of outcome.stages) {
        if (record.stage === 'fetch' && record.status === 'ok' && !record.warning) {
          progress.essential(`${record.api}: source ${record.note ?? ''}`);
        }
        progress.stage(record);
      }
    }
    progress.essential(
      `nothing changed since the last run: same inputs, and ${context.specsLabel} and the README as it left them`,
    );
  },
};

/**
 * Records what this run published, so that the next run with the same inputs can tell that
 * nothing changed. A record that cannot be written costs the next run time, never this run.
 */
const record: RunPhase = {
  name: 'record',
  buildsOrPublishes: true,
  async run(context) {
    const { options, report } = context;
    if (!report.published || context.cacheUnusable !== undefined) return;
    try {
      await recordUnchanged(options, context.outcomes);
    } catch (error) {
      report.warnings.push(`could not record this run for the next one (${describeError(error)})`);
    }
  },
};

/** Opens the staging folder beside `specs/` that the targets build into. */
const stage: RunPhase = {
  name: 'stage',
  buildsOrPublishes: true,
  async run(context) {
    // A link or device among the folders this run carries over is refused before any target is
    // built; assemble checks the whole tree again before the first file is linked.
    await forgetUnchanged(context.options);
    await refuseForeignEntries(context.options.specsDir, context.specsLabel, new Set(context.options.apis));
    context.staging = await createStaging(context.options.specsDir);
  },
};

/** Starts the engine the targets run on (`--engine`). */
const engine: RunPhase = {
  name: 'engine',
  buildsOrPublishes: true,
  async run(context) {
    context.engine = await createEngine(context.options.engine, { root: context.options.root });
  },
};

/** Builds every target concurrently, each into its own folder of the staging tree. */
const buildTargets: RunPhase = {
  name: 'build targets',
  buildsOrPublishes: true,
  async run(context) {
    const { options, progress, report, staging, engine: active } = context;
    if (!staging || !active) throw new Error('build targets needs the staging folder and the engine');
    // The largest source first: the engine starts targets in the order they are asked for, and
    // with fewer cores than targets the longest one should not be the last to start.
    const order = await largestFirst(options.apis, (api) =>
      join(options.specsDir, api, getApiTarget(api).outputs.snapshot),
    );
    const jobs = new Map<ApiId, TargetJob>();
    for (const api of options.apis) {
      const outDir = join(staging.newDir, api);
      await mkdir(outDir, { recursive: true });
      const historyDir = getApiTarget(api).historyDir;
      jobs.set(api, {
        api,
        source: planSource(api, options),
        snapshotDir: join(options.specsDir, api),
        ...(historyDir === undefined ? {} : { historyDir: join(options.root, historyDir) }),
        outDir,
        cache: { dir: options.cacheDir, enabled: options.cache && context.cacheUnusable === undefined },
        downloadCacheDir: join(options.cacheDir, 'downloads'),
        openapi: options.openapi,
        network: options.network,
        displayRoot: options.root,
      });
    }
    const running = new Map<ApiId, Promise<TimedOutcome>>();
    for (const api of order) {
      const job = jobs.get(api) as TargetJob;
      const t0 = performance.now();
      running.set(
        api,
        active
          .runTarget(job, (record) => {
            // Where each API's source came from is essential even in a quiet log.
            if (record.stage === 'fetch' && record.status === 'ok' && !record.warning) {
              progress.essential(`${api}: source ${record.note ?? ''}`);
            }
            progress.stage(record);
            if (record.warning) progress.loud(record.warning);
          })
          .then((outcome) => ({ ...outcome, durationMs: Math.round(performance.now() - t0) })),
      );
    }
    context.outcomes = await Promise.all(
      options.apis.map((api) => running.get(api) as Promise<TimedOutcome>),
    );
    // The workers' heaps go before the publish reads the staged files.
    await context.engine?.close().catch(() => {});
    context.engine = undefined;
    report.targets = [...context.outcomes];
    for (const o of context.outcomes) report.warnings.push(...o.warnings);
    if (context.outcomes.some((o) => !o.ok)) throw runError(context.outcomes, context.specsLabel);
  },
};

/** Completes the staged tree: the other APIs' files, the READMEs, the manifest. */
const assemble: RunPhase = {
  name: 'assemble',
  buildsOrPublishes: true,
  async run(context) {
    if (!context.staging) throw new Error('assemble needs the staging folder');
    context.manifest = await assembleStaged(context.staging, context.outcomes, await generatorVersion(), {
      specsLabel: context.specsLabel,
      // Printed once with the other warnings at the end of the run.
      warn: (message) => context.report.warnings.push(message),
    });
  },
};

/**
 * With `--publish`: builds the release of the staged tree beside `dist/release/` and marks it
 * ready, before `specs/` is switched, so that the two are switched together (release-staging.ts).
 */
const stageRelease: RunPhase = {
  name: 'stage release',
  buildsOrPublishes: true,
  async run(context) {
    const { options, staging, manifest, report } = context;
    if (!options.publish) return;
    if (!staging || !manifest) throw new Error('stage release needs the staging folder and the manifest');
    const releaseDir = releaseDirOf(options.root);
    const previous = await readPreviousRelease(releaseDir);
    if (previous.state === 'damaged') {
      report.warnings.push(
        `the previous release in ${displayPath(releaseDir, options.root)} is damaged (${previous.problem}): the release notes compare as if there were none`,
      );
    }
    const apis = await readReleaseApis(staging.newDir, manifest);
    const comparison = compareRelease({
      previous,
      apis,
      // What is published before the switch: read now, since the commit replaces it.
      published: await readPublishedApis(options.specsDir),
      outcomes: context.outcomes,
    });
    const releaseStaging = await createReleaseStaging(releaseDir);
    context.releaseStaging = releaseStaging;
    const built = await buildRelease(staging.newDir, releaseStaging.newDir, { manifest, apis, comparison });
    await markReleaseReady(releaseStaging, sha256(await readFile(join(staging.newDir, 'manifest.json'))));
    // Reported once it is in place (the release phase).
    context.stagedRelease = { ...built, dir: releaseDir };
  },
};

/** Switches `specs/` to the staged tree in one step. */
const commit: RunPhase = {
  name: 'commit',
  buildsOrPublishes: true,
  async run(context) {
    const { staging } = context;
    if (!staging) throw new Error('commit needs the staging folder');
    try {
      await commitStaging(staging);
    } catch (error) {
      // Whether the commit point was passed decides the release's fate: recovery's to judge.
      context.releaseStaging = undefined;
      throw error;
    }
    context.staging = undefined;
    context.report.published = true;
  },
};

/** With `--publish`: puts the release built with the committed specs in place of `dist/release/`. */
const release: RunPhase = {
  name: 'release',
  buildsOrPublishes: true,
  async run(context) {
    const releaseStaging = context.releaseStaging;
    if (!releaseStaging) return;
    // From here a failure is finished by recovery, never discarded.
    context.releaseStaging = undefined;
    await swapRelease(releaseStaging);
    context.report.release = context.stagedRelease;
  },
};

/** Refreshes the statistics table of the root README beside `specs/`. */
const refreshReadme: RunPhase = {
  name: 'refresh README',
  buildsOrPublishes: true,
  async run(context) {
    const { options, report, manifest } = context;
    if (!manifest) throw new Error('refresh README needs the manifest');
    report.rootReadmeUpdated = await updateRootReadme(join(dirname(options.specsDir), 'README.md'), manifest);
    if (report.rootReadmeUpdated) checkpoint('root README');
  },
};

/**
 * A pipeline run, in order. The first phase that throws ends the run; what the phases hold
 * (lock, staging folder, engine) is released by the run in any case (see run-pipeline.ts).
 */
export const RUN_PHASES: readonly RunPhase[] = [
  lock,
  recover,
  sweep,
  unchanged,
  stage,
  engine,
  buildTargets,
  assemble,
  stageRelease,
  commit,
  release,
  refreshReadme,
  record,
  sitePhase,
];
