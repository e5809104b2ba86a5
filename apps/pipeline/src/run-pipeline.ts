import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type ApiId, describeError, getApiTarget, PipelineError } from '@proxmox-openapi/core';
import { assembleStaged, updateRootReadme } from './assemble.js';
import type { CommandIo } from './cli/command-io.js';
import type { Engine, EngineName, SourcePlan, TargetJob } from './engines/engine.js';
import { createEngine } from './engines/index.js';
import { displayPath } from './fetch-source.js';
import { checkpoint, checkpointsReached } from './kill-point.js';
import { createProgress, formatDuration, formatSummaryTable, type TimedOutcome } from './progress.js';
import {
  commitStaging,
  createStaging,
  discardStaging,
  lockPathFor,
  recoverStaging,
  type Staging,
} from './publish.js';
import { buildRelease, readPublishedOperations } from './release.js';
import { acquireRunLock, type RunLock } from './run-lock.js';
import { appendStepSummary, type RunReport, writeRunReport } from './run-report.js';
import { StageCache } from './stage-cache.js';
import { generatorVersion } from './stages.js';

/** Everything a pipeline run needs, already validated (cli/commands/pipeline.ts builds it from argv). */
export interface PipelineOptions {
  /** The repository root: README.md, `.cache/` and `dist/release/` are found here. */
  root: string;
  apis: ApiId[];
  /** `--source API=URL|FILE` overrides. */
  sources: Partial<Record<ApiId, string>>;
  offline: boolean;
  strictFetch: boolean;
  engine: EngineName;
  publish: boolean;
  specsDir: string;
  reportFile?: string;
  cache: boolean;
  cacheDir: string;
  /** How long to wait for another run's lock; 0 refuses at once. */
  lockTimeoutMs: number;
  openapi: '3.0' | '3.1';
  network: TargetJob['network'];
}

function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** The fetch policy as a plan per target (see `SourcePlan`). */
export function planSource(api: ApiId, options: PipelineOptions): SourcePlan {
  const override = options.sources[api];
  if (override !== undefined && !isUrl(override)) return { kind: 'file', path: override };
  if (options.offline) return { kind: 'snapshot' };
  return { kind: 'live', url: override ?? getApiTarget(api).apidocUrl, strict: options.strictFetch };
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

/**
 * Runs the pipeline: takes the run lock, finishes or undoes an interrupted earlier publish,
 * builds every target concurrently into one staging folder through the chosen engine, and only
 * when all of them succeeded switches `specs/` in one step, then refreshes the root README and
 * (with `publish`) the release artifacts. Always reports: progress, the final table, `--report`,
 * the GitHub step summary; throws the run's error after reporting it.
 */
export async function runPipeline(options: PipelineOptions, io: CommandIo): Promise<RunReport> {
  const started = Date.now();
  const progress = createProgress(io);
  const specsLabel = displayPath(options.specsDir, options.root);
  const report: RunReport = {
    format: 1,
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    durationMs: 0,
    cpuMs: 0,
    exitCode: 0,
    options: {
      apis: options.apis,
      engine: options.engine,
      sources: options.sources as Record<string, string>,
      offline: options.offline,
      strictFetch: options.strictFetch,
      publish: options.publish,
      cache: options.cache,
      specsDir: options.specsDir,
      cacheDir: options.cacheDir,
    },
    recovered: [],
    targets: [],
    cache: { keyedStages: 0, replayed: 0 },
    published: false,
    checkpoints: [],
    rootReadmeUpdated: false,
    warnings: [],
  };
  let lock: RunLock | undefined;
  let staging: Staging | undefined;
  let engine: Engine | undefined;
  let failure: unknown;
  try {
    lock = await acquireRunLock(lockPathFor(options.specsDir), {
      timeoutMs: options.lockTimeoutMs,
      onWait: (owner) =>
        progress.essential(
          `waiting for another pipeline run on ${specsLabel}${owner ? ` (pid ${owner.pid}, started ${owner.startedAt})` : ''} to finish…`,
        ),
    });
    report.lock = { acquiredAt: new Date().toISOString() };
    report.recovered = await recoverStaging(options.specsDir);
    for (const action of report.recovered) {
      progress.essential(
        action.action === 'rolled-forward'
          ? `recovered: finished the publish that an interrupted run had committed (${specsLabel} is the new set)`
          : `recovered: removed the staging folder of an interrupted run (${specsLabel} kept the old set)`,
      );
    }
    await new StageCache(options.cacheDir, options.cache).sweep();
    staging = await createStaging(options.specsDir);
    engine = await createEngine(options.engine, { root: options.root });
    const activeEngine = engine;
    const activeStaging = staging;
    const outcomes = await Promise.all(
      options.apis.map(async (api): Promise<TimedOutcome> => {
        const t0 = performance.now();
        const outDir = join(activeStaging.newDir, api);
        await mkdir(outDir, { recursive: true });
        const job: TargetJob = {
          api,
          source: planSource(api, options),
          snapshotDir: join(options.specsDir, api),
          outDir,
          cache: { dir: options.cacheDir, enabled: options.cache },
          downloadCacheDir: join(options.cacheDir, 'downloads'),
          openapi: options.openapi,
          network: options.network,
          displayRoot: options.root,
        };
        const outcome = await activeEngine.runTarget(job, (record) => {
          // Where each API's source came from is essential even in a quiet log.
          if (record.stage === 'fetch' && record.status === 'ok' && !record.warning) {
            progress.essential(`${api}: source ${record.note ?? ''}`);
          }
          progress.stage(record);
          if (record.warning) progress.loud(record.warning);
        });
        return { ...outcome, durationMs: Math.round(performance.now() - t0) };
      }),
    );
    report.targets = outcomes;
    for (const o of outcomes) report.warnings.push(...o.warnings);
    if (outcomes.some((o) => !o.ok)) throw runError(outcomes, specsLabel);

    const manifest = await assembleStaged(staging, outcomes, await generatorVersion());
    const previous = options.publish ? await readPublishedOperations(options.specsDir) : {};
    await commitStaging(staging);
    staging = undefined;
    report.published = true;
    report.rootReadmeUpdated = await updateRootReadme(join(dirname(options.specsDir), 'README.md'), manifest);
    if (report.rootReadmeUpdated) checkpoint('root README');
    if (options.publish) {
      report.release = await buildRelease(
        options.specsDir,
        join(options.root, 'dist', 'release'),
        manifest,
        previous,
      );
    }
  } catch (error) {
    failure = error;
  } finally {
    if (staging) await discardStaging(staging).catch(() => {});
    await engine?.close().catch(() => {});
    if (lock) {
      await lock.release().catch(() => {});
      if (report.lock) report.lock.releasedAt = new Date().toISOString();
    }
  }

  for (const t of report.targets) {
    for (const s of t.stages) {
      if (s.key === undefined) continue;
      report.cache.keyedStages++;
      if (s.cached) report.cache.replayed++;
    }
  }
  report.checkpoints = checkpointsReached();
  report.finishedAt = new Date().toISOString();
  report.durationMs = Date.now() - started;
  const cpu = process.cpuUsage();
  report.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  if (failure !== undefined) {
    report.exitCode = failure instanceof PipelineError ? failure.exitCode : 3;
    report.error = {
      message: describeError(failure),
      code: failure instanceof PipelineError ? failure.code : 'internal',
      ...(failure instanceof PipelineError && failure.api ? { api: failure.api } : {}),
      ...(failure instanceof PipelineError && failure.stage ? { stage: failure.stage } : {}),
    };
  }

  if (report.targets.length > 0) io.stdout.write(`${formatSummaryTable(report.targets)}\n`);
  for (const t of report.targets) {
    if (t.validation && !t.validation.valid) io.stderr.write(`${t.validation.text.trimEnd()}\n`);
  }
  const warnings = [...new Set(report.warnings)];
  for (const w of warnings) progress.warn(w);
  if (report.cache.keyedStages > 0) {
    progress.essential(
      options.cache
        ? `${report.cache.replayed} of ${report.cache.keyedStages} stages replayed from the cache (${displayPath(options.cacheDir, options.root)})`
        : `cache off (--no-cache): all ${report.cache.keyedStages} stages ran`,
    );
  }
  if (report.published) {
    progress.essential(
      `published ${specsLabel} (${options.apis.join(', ')}) in ${formatDuration(report.durationMs)}`,
    );
  }
  if (report.release)
    progress.essential(`release artifacts in ${displayPath(report.release.dir, options.root)}`);

  if (options.reportFile) await writeRunReport(options.reportFile, report);
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) await appendStepSummary(summary, report);
  if (failure !== undefined) throw failure;
  return report;
}
