import { describeError, PipelineError } from '@proxmox-openapi/core';
import type { CommandIo } from '../cli/command-io.js';
import { discardStaging } from '../publish/publish.js';
import { discardReleaseStaging } from '../publish/release-staging.js';
import { formatChangesMarkdown, formatChangesText } from '../report/api-changes.js';
import { createProgress, formatDuration, formatSummaryTable } from '../report/progress.js';
import { appendStepSummary, type RunReport, writeRunReport } from '../report/run-report.js';
import { displayPath } from './fetch-source.js';
import { checkpointsReached } from './kill-point.js';
import type { PipelineOptions } from './pipeline-options.js';
import type { RunContext } from './run-context.js';
import { RUN_PHASES } from './run-phases.js';

export type { PipelineOptions } from './pipeline-options.js';
export { planSource } from './pipeline-options.js';

/** Gives back what the phases hold, whichever of them failed: staging folder, engine, lock. */
async function releaseRun(context: RunContext): Promise<void> {
  if (context.staging) await discardStaging(context.staging).catch(() => {});
  if (context.releaseStaging) await discardReleaseStaging(context.releaseStaging).catch(() => {});
  await context.engine?.close().catch(() => {});
  if (context.lock) {
    await context.lock.release().catch(() => {});
    if (context.report.lock) context.report.lock.releasedAt = new Date().toISOString();
  }
}

/** Completes the report once the run is over: cache counts, times, the error. */
function finishReport(report: RunReport, failure: unknown, started: number): void {
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
}

/** The end of a run on the terminal: the table, validation findings, warnings, what happened. */
function printRunEnd({ io, options, progress, report, specsLabel }: RunContext): void {
  if (report.targets.length > 0) io.stdout.write(`${formatSummaryTable(report.targets)}\n`);
  for (const line of formatChangesText(report.targets)) progress.essential(line);
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
      sources: options.sources,
      offline: options.offline,
      strictFetch: options.strictFetch,
      publish: options.publish,
      site: options.site,
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
    changes: '',
    warnings: [],
  };
  const context: RunContext = {
    options,
    io,
    progress,
    specsLabel,
    report,
    outcomes: [],
  };
  let failure: unknown;
  try {
    for (const phase of RUN_PHASES) {
      if (context.unchanged && phase.buildsOrPublishes) continue;
      await phase.run(context);
    }
  } catch (error) {
    failure = error;
  } finally {
    await releaseRun(context);
  }

  report.changes = formatChangesMarkdown(report.targets);
  finishReport(report, failure, started);
  printRunEnd(context);

  // A report that cannot be written fails a run that succeeded; after a failed run it is a
  // warning, so that the run's own error stays the one reported.
  const outputs: (() => Promise<void>)[] = [];
  if (options.reportFile) {
    const reportFile = options.reportFile;
    outputs.push(() => writeRunReport(reportFile, report));
  }
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) outputs.push(() => appendStepSummary(summary, report));
  for (const output of outputs) {
    try {
      await output();
    } catch (error) {
      if (failure === undefined) failure = error;
      else progress.warn(describeError(error));
    }
  }
  if (failure !== undefined) throw failure;
  return report;
}
