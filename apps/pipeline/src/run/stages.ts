import { join } from 'node:path';
import { writeSnapshot } from '@proxmox-openapi/apidoc-fetch';
import {
  type ApiTarget,
  type ApiTree,
  FindingsError,
  sha256File,
  snapshotSourceDate,
  writeFileInPieces,
} from '@proxmox-openapi/core';
import type {
  SourceInfo,
  StageName,
  TargetDiff,
  TargetJob,
  TargetStats,
  ValidationSummary,
} from '../engines/engine.js';
import { changelogStage, diffStage } from './diff-stages.js';
import { fallbackWarning, obtainSource } from './fetch-source.js';
import type { CachedOutput, StageOutput } from './stage-cache.js';
import { stageVersion } from './stage-version.js';
import { type DigestName, digestOf, recordDigest } from './state-digests.js';

/**
 * What the stages of one target know so far; each stage reads earlier results and adds its own.
 * The large texts are held only until the last stage that reads them (keys name their digests):
 * a worker's heap is sized by what it holds, and two workers at their peak at once set the run's
 * peak memory. They are strings, not bytes: V8 gives a large string pages of its own and
 * returns them when it is collected, where a large Buffer's memory stays with malloc.
 */
export interface TargetState {
  readonly job: TargetJob;
  readonly target: ApiTarget;
  tree?: ApiTree;
  source?: SourceInfo;
  /** The sha256 of the staged snapshot, the document, the JSON and the YAML, for the keys. */
  readonly digests: Partial<Record<DigestName, string>>;
  /** The generated document as compact JSON (what the generate stage caches), until serialized. */
  document?: string;
  /** The JSON file, kept only when `parsed` is not there to parse it later. */
  json?: string;
  /** The YAML file, until validated (the YAML twin check reads it). */
  yaml?: string;
  /** The sizes of the two files, for the statistics. */
  sizes?: { json: number; yaml: number };
  validation?: ValidationSummary;
  stats?: TargetStats;
  /** What changed since the published snapshot (the diff stage). */
  diff?: TargetDiff;
  /** Publishable files beside the four of every target (the changelog), relative to `outDir`. */
  extraFiles?: string[];
  /** The document parsed from `json`, parsed once for the stages that need the object. */
  parsed?: object;
  /**
   * The document a fresh serialize stage parsed from `document` and wrote: the same value that
   * parsing its JSON gives, so the later stages take it instead of parsing the JSON again.
   */
  serialized?: { document: object; json: string };
  /** A one-line note for the progress line of the stage that just finished. */
  note?: string;
  /** A warning of the stage that just finished, shown at once (see `StageRecord.warning`). */
  warning?: string;
}

// The stage packages are imported when a stage really runs: a run that replays everything from
// the cache never loads the generator or Redocly (about 0.8 s of CPU per process for Redocly).
const generatePackage = () => import('@proxmox-openapi/spec-generate');
const validatePackage = () => import('@proxmox-openapi/validate');
const statsPackage = () => import('@proxmox-openapi/readme-stats');

/**
 * One stage as data: which package does the work (its version keys the cache), which inputs
 * key it, how to run it, and how to put its output (fresh or replayed from the cache) into the
 * state and the staging folder. The loop in run-target.ts is the same for every stage.
 */
export interface StageDefinition {
  readonly name: StageName;
  readonly packageName: string;
  /** The parts of the content key besides the package's identity; absent: never cached (fetch). */
  keyParts?(state: TargetState): (string | Uint8Array)[] | Promise<(string | Uint8Array)[]>;
  run(state: TargetState, signal?: AbortSignal): Promise<StageOutput>;
  apply(state: TargetState, output: CachedOutput): Promise<void>;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal: ${what} is not available yet`);
  return value;
}

/** An output file as text, whether the stage just made it (a string) or the cache replayed it. */
function file(output: CachedOutput, name: string): string {
  const content = need(output.files[name], `output file ${name}`);
  if (typeof content === 'string') return content;
  // A view of the replayed bytes, not a copy of them.
  return Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
}

function documentOf(state: TargetState): object {
  if (!state.parsed) {
    state.parsed = JSON.parse(need(state.json, 'the JSON document')) as object;
    state.json = undefined;
  }
  return state.parsed;
}

/** The version string of the generator, as the manifest and the statistics show it. */
export async function generatorVersion(): Promise<string> {
  const version = await stageVersion('@proxmox-openapi/spec-generate');
  return `${version.name}@${version.version}`;
}

const fetchStage: StageDefinition = {
  name: 'fetch',
  packageName: '@proxmox-openapi/apidoc-fetch',
  // A live fetch must look at the network every time; its result keys everything after it.
  async run(state, signal) {
    const obtained = await obtainSource(state.job, state.target, signal);
    await writeSnapshot(state.job.outDir, obtained.tree, obtained.meta);
    state.tree = obtained.tree;
    state.source = obtained.info;
    state.digests.snapshot = await sha256File(join(state.job.outDir, state.target.outputs.snapshot));
    const info = obtained.info;
    if (info.fallbackReason !== undefined && state.job.source.kind === 'live') {
      state.warning = fallbackWarning(
        state.target,
        state.job.source.url,
        info,
        state.job.snapshotDir,
        state.job.displayRoot,
      );
    }
    const date = info.fetchedAt.slice(0, 10);
    state.note =
      info.origin === 'live'
        ? `live ${info.url}${info.notModified ? ' (not modified)' : ''}`
        : info.origin === 'file'
          ? `file ${info.url}`
          : info.fallbackReason
            ? `SNAPSHOT of ${date}: live fetch failed`
            : `snapshot of ${date} (offline)`;
    return {};
  },
  async apply() {},
};

const generateStage: StageDefinition = {
  name: 'generate',
  packageName: '@proxmox-openapi/spec-generate',
  // The source date is part of the document (info.description, the outdated-snapshot warning).
  keyParts: (state) => [
    state.target.id,
    state.job.openapi,
    digestOf(state, 'snapshot'),
    snapshotSourceDate(need(state.source, 'the source')),
  ],
  async run(state) {
    const { generateSpec } = await generatePackage();
    const document = generateSpec(need(state.tree, 'the apidoc tree'), {
      target: state.target,
      openapi: state.job.openapi,
      sourceDate: snapshotSourceDate(need(state.source, 'the source')),
    });
    return { files: { 'document.json': JSON.stringify(document) } };
  },
  async apply(state, output) {
    state.document = file(output, 'document.json');
    recordDigest(state, 'document', state.document);
  },
};

/**
 * The generated document parsed from its compact JSON, which the state lets go of: the text is
 * not read again, and it should not sit beside the JSON and YAML being made from it. Not async,
 * so that no suspended frame keeps the text.
 */
function takeDocument(state: TargetState): object {
  const document = JSON.parse(need(state.document, 'the document')) as object;
  state.document = undefined;
  return document;
}

const serializeStage: StageDefinition = {
  name: 'serialize',
  packageName: '@proxmox-openapi/spec-generate',
  keyParts: (state) => [digestOf(state, 'document')],
  async run(state) {
    // Always from the cached form of the document, so that a replayed generate and a fresh one
    // serialize the very same value.
    const { serializeSpec } = await generatePackage();
    const document = takeDocument(state) as Parameters<typeof serializeSpec>[0];
    const { json, yaml } = serializeSpec(document);
    state.serialized = { document, json };
    return { files: { [state.target.outputs.json]: json, [state.target.outputs.yaml]: yaml } };
  },
  async apply(state, output) {
    const { json, yaml } = state.target.outputs;
    const jsonText = file(output, json);
    const yamlText = file(output, yaml);
    await writeFileInPieces(join(state.job.outDir, json), jsonText);
    await writeFileInPieces(join(state.job.outDir, yaml), yamlText);
    recordDigest(state, 'json', jsonText);
    recordDigest(state, 'yaml', yamlText);
    state.sizes = { json: Buffer.byteLength(jsonText, 'utf8'), yaml: Buffer.byteLength(yamlText, 'utf8') };
    state.yaml = yamlText;
    state.document = undefined;
    // The parsed document is kept only when it is the one this JSON was written from; otherwise
    // the JSON's text is, and the first stage that needs the object parses it.
    const fresh = state.serialized;
    state.serialized = undefined;
    if (fresh?.json === jsonText) {
      state.parsed = fresh.document;
      state.json = undefined;
    } else {
      state.parsed = undefined;
      state.json = jsonText;
    }
  },
};

/**
 * Starts validateSpec with the apidoc tree and the YAML taken out of the state: no later stage
 * reads them, and validateSpec lets them go once it has checked coverage and the YAML, before
 * Redocly's walk. Not async, and no local holds them: a suspended async function would keep
 * them alive through the whole walk.
 */
function validateHandingOver(
  state: TargetState,
  validateSpec: typeof import('@proxmox-openapi/validate').validateSpec,
): ReturnType<typeof validateSpec> {
  const inputs = { apidoc: need(state.tree, 'the apidoc tree'), yaml: need(state.yaml, 'the YAML document') };
  state.tree = undefined;
  state.yaml = undefined;
  return validateSpec(documentOf(state), inputs);
}

const validateStage: StageDefinition = {
  name: 'validate',
  packageName: '@proxmox-openapi/validate',
  keyParts: (state) => [digestOf(state, 'json'), digestOf(state, 'yaml'), digestOf(state, 'snapshot')],
  async run(state) {
    const { formatReportMarkdown, formatReportText, validateSpec } = await validatePackage();
    const report = await validateHandingOver(state, validateSpec);
    const summary: ValidationSummary = {
      valid: report.valid,
      errors: report.errors,
      warnings: report.warnings,
      operations: report.operations,
      markdown: formatReportMarkdown(report, `${state.target.name} (${state.target.outputs.json})`),
      text: formatReportText(report, 20),
    };
    return { data: summary };
  },
  async apply(state, output) {
    const summary = output.data as ValidationSummary;
    state.validation = summary;
    // No later stage reads them (a replayed validation has not taken them).
    state.yaml = undefined;
    state.tree = undefined;
    state.note = summary.valid
      ? `valid, ${summary.warnings.length} warning(s)`
      : `${summary.errors.length} error(s), ${summary.warnings.length} warning(s)`;
    if (!summary.valid) {
      const first = summary.errors[0]?.message ?? '';
      throw new FindingsError(
        `${state.target.outputs.json} has ${summary.errors.length} validation error(s), first: ${first}`,
        { api: state.target.id, stage: 'validate' },
      );
    }
  },
};

const statsStage: StageDefinition = {
  name: 'stats',
  packageName: '@proxmox-openapi/readme-stats',
  keyParts: async (state) => {
    const source = need(state.source, 'the source');
    return [
      state.target.id,
      await generatorVersion(),
      digestOf(state, 'json'),
      digestOf(state, 'yaml'),
      source.url,
      source.sha256,
      snapshotSourceDate(source),
    ];
  },
  async run(state) {
    const source = need(state.source, 'the source');
    const { computeStats } = await statsPackage();
    const stats = computeStats(documentOf(state), {
      api: state.target.id,
      sourceUrl: source.url,
      sourceSha256: source.sha256,
      sourceDate: snapshotSourceDate(source),
      generatorVersion: await generatorVersion(),
      jsonBytes: need(state.sizes, 'the sizes of the files').json,
      yamlBytes: need(state.sizes, 'the sizes of the files').yaml,
    });
    return { data: stats };
  },
  async apply(state, output) {
    state.stats = output.data as TargetStats;
  },
};

/** The stages of every target, in order: one list, run by one loop (run-target.ts). */
export const TARGET_STAGES: readonly StageDefinition[] = Object.freeze([
  fetchStage,
  diffStage,
  changelogStage,
  generateStage,
  serializeStage,
  validateStage,
  statsStage,
]);
