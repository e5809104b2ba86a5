import type { CommandIo } from '../cli/command-io.js';
import type { Engine } from '../engines/engine.js';
import type { Manifest } from '../publish/manifest.js';
import type { Staging } from '../publish/publish.js';
import type { ReleaseResult } from '../publish/release.js';
import type { ReleaseStaging } from '../publish/release-staging.js';
import type { Progress, TimedOutcome } from '../report/progress.js';
import type { RunReport } from '../report/run-report.js';
import type { PipelineOptions } from './pipeline-options.js';
import type { RunLock } from './run-lock.js';

/**
 * What the phases of a run share: the options and the io they were given, and what each phase
 * leaves for the next (the lock, the staging folder, the engine, the targets' outcomes, the
 * manifest). The report is filled in as the run goes; what a phase holds is released by the
 * run, whichever phase failed.
 */
export interface RunContext {
  readonly options: PipelineOptions;
  readonly io: CommandIo;
  readonly progress: Progress;
  /** `specs/` as the messages name it (relative to the repository root when inside it). */
  readonly specsLabel: string;
  readonly report: RunReport;
  lock?: RunLock;
  /** Why the stage cache is off for this run although `--no-cache` was not given (it cannot be used). */
  cacheUnusable?: string;
  staging?: Staging;
  engine?: Engine;
  outcomes: readonly TimedOutcome[];
  manifest?: Manifest;
  /** With `--publish`: the release built beside `dist/release/`, until it is swapped in. */
  releaseStaging?: ReleaseStaging;
  /** What the staged release holds, reported once it is in place. */
  stagedRelease?: ReleaseResult;
  /**
   * Set when nothing changed since the last publish (unchanged-record.ts): the outcomes are that
   * run's, and the phases that build and publish are skipped.
   */
  unchanged?: boolean;
}
