import { useColour } from '@proxmox-openapi/core';
import type { CommandIo } from '../cli/command-io.js';
import type { StageRecord, TargetOutcome } from '../engines/engine.js';

/** How the run talks while it works. */
export interface Progress {
  /** One line per finished stage (TTY or `PROXMOX_OPENAPI_PROGRESS=1` only). */
  stage(record: StageRecord): void;
  /** A line shown unless `--quiet` (recovery, lock waits, the publish result). */
  essential(message: string): void;
  /** A warning: always shown, in yellow on a colour terminal. */
  warn(message: string): void;
  /** A loud warning (a snapshot fallback): always shown, framed so that it is not missed. */
  loud(message: string): void;
}

/** Formats a duration for people: milliseconds below a second, seconds with two decimals above. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * Progress on stderr (stdout carries the final table). Stage lines only on a terminal, or when
 * `PROXMOX_OPENAPI_PROGRESS=1` asks for them in a log; colour only on a terminal without
 * `NO_COLOR`.
 */
export function createProgress(io: CommandIo): Progress {
  const colour = useColour(io.stderr, io.env);
  const lines = io.quiet !== true && (io.stderr.isTTY === true || io.env.PROXMOX_OPENAPI_PROGRESS === '1');
  const paint = (code: string, text: string): string => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    stage(record) {
      if (!lines) return;
      const status =
        record.status === 'failed'
          ? paint('31', 'FAILED')
          : record.cached
            ? paint('36', 'cached')
            : paint('32', 'done');
      const note = record.note ? `  ${paint('2', record.note)}` : '';
      io.stderr.write(
        `${record.api.padEnd(4)} ${record.stage.padEnd(10)} ${formatDuration(record.durationMs).padStart(9)}  ${status}${note}\n`,
      );
    },
    essential(message) {
      if (io.quiet !== true) io.stderr.write(`${message}\n`);
    },
    warn(message) {
      io.stderr.write(`${paint('33', `warning: ${message}`)}\n`);
    },
    loud(message) {
      const bar = '!'.repeat(78);
      io.stderr.write(`${paint('1;33', `${bar}\nWARNING: ${message}\n${bar}`)}\n`);
    },
  };
}

function cell(value: number | undefined, fallback?: number): string {
  if (typeof value === 'number') return String(value);
  return fallback === undefined ? '-' : String(fallback);
}

/** A target's outcome with the time it took from start to end. */
export type TimedOutcome = TargetOutcome & { durationMs: number };

/** The validation column of the final table. */
export function validationCell(outcome: TargetOutcome): string {
  if (outcome.validation) {
    const v = outcome.validation;
    return v.valid ? `valid (${v.warnings.length} warnings)` : `${v.errors.length} errors`;
  }
  return outcome.failure ? `failed at ${outcome.failure.stage}` : '-';
}

/** The final table: API, paths, operations, validation, time, and what the cache replayed. */
export function formatSummaryTable(outcomes: readonly TimedOutcome[]): string {
  const rows = [['API', 'paths', 'operations', 'validation', 'time', 'cached']];
  for (const o of outcomes) {
    const keyed = o.stages.filter((s) => s.key !== undefined);
    rows.push([
      o.api,
      cell(o.stats?.paths),
      cell(o.stats?.operations, o.validation?.operations),
      validationCell(o),
      formatDuration(o.durationMs),
      `${keyed.filter((s) => s.cached).length}/${keyed.length}`,
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
