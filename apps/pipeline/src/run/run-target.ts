import {
  type ApiTarget,
  contentKey,
  describeError,
  getApiTarget,
  PipelineError,
  SPECS_LAYOUT,
} from '@proxmox-openapi/core';
import type {
  StageListener,
  StageRecord,
  TargetFailure,
  TargetJob,
  TargetOutcome,
} from '../engines/engine.js';
import { type CachedOutput, StageCache, type StageOutput } from './stage-cache.js';
import { stageVersion } from './stage-version.js';
import { type StageDefinition, TARGET_STAGES, type TargetState } from './stages.js';

// Bumped when the way keys are built changes, so that old entries are never read with new meaning.
const KEY_FORMAT = 'proxmox-openapi-stage-key/1';

function asCached(output: StageOutput): CachedOutput {
  // The files as the stage made them: encoding a document's text into bytes here would only
  // hold it twice for a while.
  return { data: output.data ?? null, files: { ...output.files } };
}

function failureOf(stage: StageDefinition, error: unknown): TargetFailure {
  const failure: TargetFailure = {
    stage: stage.name,
    code: error instanceof PipelineError ? error.code : 'internal',
    message: describeError(error),
  };
  if (error instanceof Error && error.stack) failure.stack = error.stack;
  return failure;
}

interface StageContext {
  state: TargetState;
  cache: StageCache;
  warnings: string[];
  signal?: AbortSignal;
  /** Set before the output is applied: a replayed output that fails to apply is still replayed. */
  replayed: boolean;
}

/**
 * Replays a stage's output from the cache or runs the stage (and stores what it made), then
 * applies the output to the state (`context.replayed` says which). A function of its own so that the
 * output goes with its frame: a suspended async function keeps the values of its dead local
 * variables, and the loop's frame held the serialize stage's two files (12 MiB for PDM) through
 * validation.
 */
async function produceAndApply(
  stage: StageDefinition,
  key: string | undefined,
  context: StageContext,
): Promise<void> {
  const { state, cache, warnings, signal } = context;
  const api = state.job.api;
  if (key) {
    const found = await cache.get(stage.name, key);
    if (found.hit) {
      context.replayed = true;
      await stage.apply(state, found.output);
      return;
    }
    if (found.reason === 'corrupt') {
      warnings.push(`${api}/${stage.name}: a damaged cache entry was ignored and rebuilt (${found.detail})`);
    }
  }
  const fresh = await stage.run(state, signal);
  if (key) {
    try {
      await cache.put(stage.name, key, fresh);
    } catch (error) {
      // A cache that cannot be written costs time on the next run, never this run's result.
      warnings.push(`${api}/${stage.name}: could not store the cache entry (${describeError(error)})`);
    }
  }
  await stage.apply(state, asCached(fresh));
}

/**
 * Runs the stages of one target in order: for each, build its content key, replay the cached
 * output on a hit, otherwise run it and store the output; then apply the output to the state.
 * The first failing stage ends the target (its outcome says which stage and why); the stages
 * after it are recorded as skipped.
 */
export async function runTargetStages(
  job: TargetJob,
  onStage: StageListener,
  signal?: AbortSignal,
  stages: readonly StageDefinition[] = TARGET_STAGES,
): Promise<TargetOutcome> {
  const target: ApiTarget = getApiTarget(job.api);
  const cache = new StageCache(job.cache.dir, job.cache.enabled);
  const state: TargetState = { job, target, digests: {} };
  const records: StageRecord[] = [];
  const warnings: string[] = [];
  let failure: TargetFailure | undefined;

  for (const stage of stages) {
    if (failure) {
      const record: StageRecord = {
        api: job.api,
        stage: stage.name,
        status: 'skipped',
        cached: false,
        durationMs: 0,
      };
      records.push(record);
      continue;
    }
    const started = performance.now();
    const context: StageContext = { state, cache, warnings, replayed: false };
    if (signal) context.signal = signal;
    let key: string | undefined;
    state.note = undefined;
    state.warning = undefined;
    try {
      signal?.throwIfAborted();
      if (stage.keyParts) {
        const version = await stageVersion(stage.packageName);
        key = contentKey([
          KEY_FORMAT,
          stage.name,
          version.name,
          version.version,
          version.fingerprint,
          ...(await stage.keyParts(state)),
        ]);
      }
      await produceAndApply(stage, key, context);
    } catch (error) {
      failure = failureOf(stage, error);
    }
    const record: StageRecord = {
      api: job.api,
      stage: stage.name,
      status: failure ? 'failed' : 'ok',
      cached: context.replayed,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    if (key) record.key = key;
    const note = failure ? failure.message : state.note;
    if (note) record.note = note;
    if (state.warning) {
      record.warning = state.warning;
      warnings.push(state.warning);
    }
    records.push(record);
    onStage(record);
  }

  const outcome: TargetOutcome = {
    api: job.api,
    ok: failure === undefined,
    stages: records,
    files: failure
      ? []
      : [
          target.outputs.snapshot,
          SPECS_LAYOUT.snapshotMeta,
          target.outputs.json,
          target.outputs.yaml,
          ...(state.extraFiles ?? []),
        ].sort(),
    warnings,
  };
  if (failure) outcome.failure = failure;
  if (state.source) outcome.source = state.source;
  if (state.validation) outcome.validation = state.validation;
  if (state.stats) outcome.stats = state.stats;
  if (state.diff) outcome.diff = state.diff;
  return outcome;
}
