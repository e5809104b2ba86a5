import { basename } from 'node:path';
import { CACHE_MOUNTS } from '@proxmox-openapi/core/dagger';
import type { TargetJob, TargetOutcome } from './engine.js';

/** Where a target's job lives inside its container. */
export const CONTAINER_JOB = Object.freeze({
  dir: '/job',
  file: '/job/job.json',
  outcome: '/job/outcome.json',
  outDir: '/job/out',
  snapshotDir: '/job/snapshot',
  historyDir: '/job/history',
  sourceDir: '/job/source',
});

/** The runner that the container executes (built by `turbo run build` inside it). */
export const CONTAINER_RUNNER = 'apps/pipeline/dist/engines/dagger-target-runner.js';

/** This app's committed bin, relative to the workspace: what `--engine dagger` runs in a container. */
export const CONTAINER_CLI = 'apps/pipeline/bin/proxmox-openapi.js';

/**
 * The same job with container paths: the snapshot, a source file and the output folder are
 * mounted under `/job`, the stage cache and the download cache are the engine's cache volumes.
 */
export function toContainerJob(job: TargetJob): TargetJob {
  return {
    ...job,
    source:
      job.source.kind === 'file'
        ? { kind: 'file', path: `${CONTAINER_JOB.sourceDir}/${basename(job.source.path)}` }
        : job.source,
    snapshotDir: CONTAINER_JOB.snapshotDir,
    ...(job.historyDir === undefined ? {} : { historyDir: CONTAINER_JOB.historyDir }),
    outDir: CONTAINER_JOB.outDir,
    cache: { dir: CACHE_MOUNTS.stages.path, enabled: job.cache.enabled },
    downloadCacheDir: CACHE_MOUNTS.apidoc.path,
  };
}

const STAGES = new Set(['fetch', 'diff', 'changelog', 'generate', 'serialize', 'validate', 'stats']);

/**
 * Reads the outcome that the container wrote, checking the parts the orchestrator relies on:
 * text from a container is input like any other.
 * @throws Error with a one-line message when it is not an outcome for `api`.
 */
export function parseContainerOutcome(text: string, api: string): TargetOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`the ${api} container wrote an outcome that is not JSON`);
  }
  const o = value as Partial<TargetOutcome> | null;
  if (
    !o ||
    typeof o !== 'object' ||
    o.api !== api ||
    typeof o.ok !== 'boolean' ||
    !Array.isArray(o.stages) ||
    !o.stages.every((s) => s && STAGES.has(s.stage) && s.api === api) ||
    !Array.isArray(o.files) ||
    !o.files.every((f) => typeof f === 'string' && !f.startsWith('/') && !f.split('/').includes('..')) ||
    !Array.isArray(o.warnings)
  ) {
    throw new Error(`the ${api} container wrote an outcome of the wrong shape`);
  }
  return o as TargetOutcome;
}
