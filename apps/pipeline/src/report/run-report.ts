import { appendFile } from 'node:fs/promises';
import { describeError, InputError, redactUrl, writeOutputFile } from '@proxmox-openapi/core';
import type { EngineName } from '../engines/engine.js';
import type { RecoveryAction } from '../publish/publish.js';
import type { ReleaseResult } from '../publish/release.js';
import { formatChangesMarkdown } from './api-changes.js';
import { formatDuration, type TimedOutcome, validationCell } from './progress.js';

/** The whole run, as `--report FILE` writes it (JSON). */
export interface RunReport {
  format: 1;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** CPU time of the whole process (all threads, user + system) when the report was made. */
  cpuMs: number;
  exitCode: number;
  options: {
    apis: string[];
    engine: EngineName;
    sources: Partial<Record<string, string>>;
    offline: boolean;
    strictFetch: boolean;
    publish: boolean;
    site: boolean;
    cache: boolean;
    specsDir: string;
    cacheDir: string;
  };
  /** When this run got and gave back the run lock (runs on the same specs never overlap here). */
  lock?: { acquiredAt: string; releasedAt?: string };
  /** What the run cleaned up from an interrupted earlier run. */
  recovered: RecoveryAction[];
  targets: TimedOutcome[];
  /** Stages with a content key, and how many of them were replayed from the cache. */
  cache: { keyedStages: number; replayed: number };
  /** Whether `specs/` was switched to the new set. */
  published: boolean;
  /** The crash-test checkpoints this run passed, in order (see kill-point.ts). */
  checkpoints: string[];
  rootReadmeUpdated: boolean;
  release?: ReleaseResult;
  /**
   * What changed since the published specs, as Markdown: per API the summary line and the
   * breaking changes ("No change." when none). Empty when nothing was compared. Each target's
   * `diff` holds the same as data.
   */
  changes: string;
  /** The reference site this run built (`--site`): its folder and how many files it has. */
  site?: { dir: string; files: number };
  /** Every warning, once (also printed at the end of the run). */
  warnings: string[];
  error?: { message: string; code: string; api?: string; stage?: string };
}

/**
 * Writes the report as two-space JSON: atomically over a regular file or a new path, in place
 * to anything else (stdout, a device: `/dev/full` fails with exit 3), never replacing a device.
 */
export async function writeRunReport(path: string, report: RunReport): Promise<void> {
  // redactUrl: the options hold the `--source` URLs as given, with any password in them.
  await writeOutputFile(path, redactUrl(`${JSON.stringify(report, null, 2)}\n`), { what: 'the report' });
}

/** The run as Markdown for `$GITHUB_STEP_SUMMARY`. */
export function formatStepSummary(report: RunReport): string {
  const lines = [`## proxmox-openapi pipeline: ${report.error ? 'failed' : 'ok'}`, ''];
  lines.push(
    '| API | paths | operations | validation | source | time | cached stages |',
    '| --- | ---: | ---: | --- | --- | ---: | ---: |',
  );
  for (const t of report.targets) {
    const keyed = t.stages.filter((s) => s.key !== undefined);
    const source = t.source
      ? `${t.source.origin}${t.source.fallbackReason ? ' (fallback!)' : ''}, ${t.source.fetchedAt.slice(0, 10)}`
      : '-';
    lines.push(
      `| ${t.api} | ${String(t.stats?.paths ?? '-')} | ${String(t.stats?.operations ?? t.validation?.operations ?? '-')} | ${validationCell(t)} | ${source} | ${formatDuration(t.durationMs)} | ${keyed.filter((s) => s.cached).length}/${keyed.length} |`,
    );
  }
  lines.push('');
  if (report.error) lines.push(`**Error:** ${report.error.message}`, '');
  const changes = formatChangesMarkdown(report.targets);
  if (changes) lines.push(changes);
  if (report.warnings.length > 0) {
    lines.push('### Warnings', '', ...report.warnings.map((w) => `- ${w}`), '');
  }
  for (const t of report.targets) {
    if (t.validation && !t.validation.valid) lines.push(t.validation.markdown.trimEnd(), '');
  }
  lines.push(
    report.published
      ? `\`${report.options.specsDir}\` was updated.`
      : `\`${report.options.specsDir}\` was not changed.`,
    '',
  );
  return `${lines.join('\n')}\n`;
}

/** Appends the summary to the file GitHub Actions names in `GITHUB_STEP_SUMMARY`. */
export async function appendStepSummary(path: string, report: RunReport): Promise<void> {
  await appendStepSummaryText(path, redactUrl(formatStepSummary(report)), 'pipeline');
}

/**
 * Appends Markdown to the GitHub step summary file. A failure names the file, the variable
 * and the command whose summary it was (a bare EISDIR or EACCES says none of them).
 * @throws InputError (exit code 3).
 */
export async function appendStepSummaryText(path: string, text: string, command: string): Promise<void> {
  try {
    await appendFile(path, text);
  } catch (error) {
    throw new InputError(
      `cannot append the ${command} step summary to ${path} (GITHUB_STEP_SUMMARY): ${describeError(error)}`,
      { cause: error, stage: 'step summary' },
    );
  }
}
