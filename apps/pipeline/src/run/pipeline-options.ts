import { type ApiId, getApiTarget } from '@proxmox-openapi/core';
import type { EngineName, SourcePlan, TargetJob } from '../engines/engine.js';

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
  /** Build the reference site into `dist/site/` after publishing (`--site`; on with `--publish`). */
  site: boolean;
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
export function planSource(
  api: ApiId,
  options: Pick<PipelineOptions, 'sources' | 'offline' | 'strictFetch'>,
): SourcePlan {
  const override = options.sources[api];
  if (override !== undefined && !isUrl(override)) return { kind: 'file', path: override };
  if (options.offline) return { kind: 'snapshot' };
  return { kind: 'live', url: override ?? getApiTarget(api).apidocUrl, strict: options.strictFetch };
}
