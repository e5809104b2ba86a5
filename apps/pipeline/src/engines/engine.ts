/**
 * The engine seam: how the orchestrator asks for one API target to be built.
 *
 * An engine turns a {@link TargetJob} into the target's staged outputs (the source snapshot,
 * the OpenAPI JSON and YAML) inside `job.outDir`, and returns a {@link TargetOutcome} that
 * carries the validation result, the statistics and a record of every stage. It never touches
 * `specs/`: the orchestrator checks every target's outcome and then publishes all staged
 * outputs at once, the same way whichever engine produced them.
 *
 * - `local` (engines/local-engine.ts): the stages run in this Node process, each target in its
 *   own worker thread, so that PVE and PBS use both cores.
 * - `dagger` (engines/dagger-engine.ts, written separately): the same stage code inside
 *   containers. It exports `createDaggerEngine` of type {@link EngineFactory}; engines/index.ts
 *   imports it lazily, so the Dagger SDK is loaded only when `--engine dagger` is asked for.
 *
 * Everything in a job and an outcome is plain data (structured-cloneable, JSON-serializable),
 * so that a job can cross a worker or container boundary and an outcome can go into the run
 * report as it is.
 */
import type { ApiChange, DiffSummary } from '@proxmox-openapi/api-diff';
import type { ApiId } from '@proxmox-openapi/core';
import type { SpecStats } from '@proxmox-openapi/readme-stats';

/** The engines that `--engine` accepts. */
export type EngineName = 'local' | 'dagger';

/** The stages of one target, in the order they run. */
export type StageName = 'fetch' | 'diff' | 'changelog' | 'generate' | 'serialize' | 'validate' | 'stats';

/**
 * Where a target's apidoc comes from.
 * - `live`: download `url` (the target's API viewer, or a `--source API=URL`); on a network
 *   failure fall back to the committed snapshot unless `strict` is set.
 * - `file`: read a local `apidoc.js`, `.json` or `.json.gz` (`--source API=FILE`); never falls back.
 * - `snapshot`: read the committed snapshot in `snapshotDir` (`--offline`).
 */
export type SourcePlan =
  | { kind: 'live'; url: string; strict: boolean }
  | { kind: 'file'; path: string }
  | { kind: 'snapshot' };

/** One target to build. */
export interface TargetJob {
  api: ApiId;
  source: SourcePlan;
  /**
   * The committed snapshot's folder (`specs/<api>`): the fallback, the `--offline` source, and
   * the published version that the diff stage compares the new snapshot with.
   */
  snapshotDir: string;
  /**
   * The product's history folder (its registry entry's `historyDir`, absolute), when it has one:
   * the changelog stage writes `CHANGELOG.md` and `changelog.json` from it and the new snapshot.
   */
  historyDir?: string;
  /**
   * An empty folder that receives the target's publishable files: `apidoc.json` and
   * `apidoc.meta.json` (the snapshot), `<api>-api.json` and `<api>-api.yaml`.
   */
  outDir: string;
  /** The content-addressed stage cache; `enabled: false` for `--no-cache` (nothing read or written). */
  cache: { dir: string; enabled: boolean };
  /** Where downloads keep their conditional-request state (ETag, Last-Modified). */
  downloadCacheDir: string;
  /** The OpenAPI version to generate. */
  openapi: '3.0' | '3.1';
  /** Paths in messages are shown relative to this folder (the repository root) when given. */
  displayRoot?: string;
  /** Network limits for a live fetch; short connect timeouts keep an offline machine fast. */
  network: { connectTimeoutMs: number; timeoutMs: number; retries: number };
}

/** Where the source of a target came from in the end, as the report and manifest show it. */
export interface SourceInfo {
  /** `live`: downloaded now; `snapshot`: the committed snapshot (offline or fallback); `file`: a local file. */
  origin: 'live' | 'snapshot' | 'file';
  /** The URL the apidoc was published at (for a snapshot: the URL it was once fetched from). */
  url: string;
  /** The sha256 of the source text as published (the downloaded apidoc.js), as in `apidoc.meta.json`. */
  sha256: string;
  /** When the content was fetched (ISO 8601); for a snapshot, when the snapshot was taken. */
  fetchedAt: string;
  /** The server's Last-Modified of the source, when it sent one (HTTP date). */
  lastModified?: string;
  /** Set when a live fetch failed and the snapshot was used instead: the cause, one line. */
  fallbackReason?: string;
  /** Set for a conditional request that the server answered with 304. */
  notModified?: boolean;
}

/** What happened to one stage of one target. */
export interface StageRecord {
  api: ApiId;
  stage: StageName;
  status: 'ok' | 'failed' | 'skipped';
  /** Whether the outputs were replayed from the stage cache instead of doing the work. */
  cached: boolean;
  durationMs: number;
  /** The stage's content key, when it has one (the cache entry's name). */
  key?: string;
  /** A one-line note for the progress line (e.g. "snapshot of 2026-08-16 (offline)"). */
  note?: string;
  /**
   * A warning to show at once and again at the end, whatever the verbosity: a live fetch that
   * fell back to the snapshot (naming the cause and the snapshot's date).
   */
  warning?: string;
}

/** One finding of the validation, as much as the report and summary need. */
export interface FindingSummary {
  severity: 'error' | 'warning';
  /** The rule that found it (a Redocly rule id or a coverage rule). */
  rule: string;
  message: string;
  /** A JSON pointer into the document. */
  pointer: string;
}

/** The outcome of the validate stage. */
export interface ValidationSummary {
  valid: boolean;
  errors: FindingSummary[];
  warnings: FindingSummary[];
  /** How many operations the document has, as the validator counted them. */
  operations: number;
  /** The validator's own Markdown rendering of its report, for the step summary. */
  markdown: string;
  /** The validator's own text rendering (first findings), for the terminal. */
  text: string;
}

/**
 * What changed between the snapshot published before the run and the new one (the diff stage):
 * the summary, the breaking changes, and the whole classified diff as Markdown.
 */
export interface TargetDiff {
  summary: DiffSummary;
  breaking: ApiChange[];
  /** `renderDiffMarkdown(diff, 3)`: summary line, breaking, warnings, info ("No change." when none). */
  markdown: string;
}

/** Statistics of one target's document, as `@proxmox-openapi/readme-stats` computes them. */
export type TargetStats = SpecStats;

/** A failure of one target: which stage, which kind, one line. */
export interface TargetFailure {
  stage: StageName;
  /** The core error code: decides the exit code (`findings` → 1, `usage` → 2, others → 3). */
  code: 'usage' | 'input' | 'network' | 'findings' | 'internal';
  message: string;
  stack?: string;
}

/** Everything an engine reports about one target. */
export interface TargetOutcome {
  api: ApiId;
  ok: boolean;
  /** Set when `ok` is false. */
  failure?: TargetFailure;
  /** Set once the fetch stage succeeded. */
  source?: SourceInfo;
  stages: StageRecord[];
  /** Set once the validate stage ran (also when it found errors). */
  validation?: ValidationSummary;
  /** Set once the stats stage ran. */
  stats?: TargetStats;
  /** Set once the diff stage ran and there was a published snapshot to compare with. */
  diff?: TargetDiff;
  /** The staged files, relative to `job.outDir`, sorted. */
  files: string[];
  /** Warnings to print once at the end of the run (a snapshot fallback, validator warnings). */
  warnings: string[];
}

/**
 * The outcome of a target whose engine failed outside any stage (a crashed worker or
 * container, an abort). The failure type needs a stage, so it names the first one: nothing
 * of the target can be trusted past it.
 */
export function crashedOutcome(job: TargetJob, message: string): TargetOutcome {
  return {
    api: job.api,
    ok: false,
    failure: { stage: 'fetch', code: 'internal', message },
    stages: [],
    files: [],
    warnings: [],
  };
}

/** Called as each stage of a target finishes, for the progress lines. */
export type StageListener = (record: StageRecord) => void;

/** An engine: builds targets into staging folders. */
export interface Engine {
  readonly name: EngineName;
  /**
   * Builds one target into `job.outDir`. Expected failures (bad input, network, findings)
   * are returned as an outcome with `ok: false`, not thrown, so that the other target's work
   * still completes and the report shows both. `signal` aborts the work when the run ends early.
   */
  runTarget(job: TargetJob, onStage: StageListener, signal?: AbortSignal): Promise<TargetOutcome>;
  /** Releases what the engine holds (workers, connections); called once at the end of a run. */
  close(): Promise<void>;
}

/** Options that every engine is created with. */
export interface EngineOptions {
  /** The repository root, for engines that mount or copy the workspace. */
  root: string;
}

/** Creates an engine; the Dagger engine module exports one as `createDaggerEngine`. */
export type EngineFactory = (options: EngineOptions) => Promise<Engine>;
