import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import {
  describeError,
  getApiTarget,
  InputError,
  isApiId,
  isJsonObject as isObject,
  MAX_APIDOC_FILE_BYTES,
  readInputFile,
  UsageError,
} from '@proxmox-openapi/core';
import type { StatsMeta } from './types.js';

type Json = Record<string, unknown>;

/** A published document and what its folder says about it. */
export interface SpecFiles {
  document: object;
  jsonPath: string;
  yamlPath?: string;
  meta: StatsMeta & { api: string };
}

async function readJson(path: string, what: string): Promise<unknown> {
  // A regular file of a bounded size (the apidoc's limit; real documents are under 4 MiB).
  const text = (await readInputFile(path, { what, maxBytes: MAX_APIDOC_FILE_BYTES })).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path} is not JSON: ${describeError(error)}`, { cause: error });
  }
}

/** `pve` from `pve-api.json`; otherwise the folder's name (`specs/pve/`). */
function apiOf(jsonPath: string): string {
  const match = /^(.+)-api$/.exec(basename(jsonPath, extname(jsonPath)));
  return match?.[1] ?? basename(dirname(jsonPath));
}

/**
 * The generator version a document records: `x-generator` at the root or in `info` (a string
 * such as `@proxmox-openapi/spec-generate@0.1.0`, or `{ name, version }`).
 */
export function generatorOf(document: object): string {
  const doc = document as Json;
  const info = isObject(doc.info) ? doc.info : {};
  for (const value of [doc['x-generator'], info['x-generator']]) {
    if (typeof value === 'string' && value !== '') return value;
    if (isObject(value) && typeof value.version === 'string') {
      return typeof value.name === 'string' ? `${value.name}@${value.version}` : value.version;
    }
  }
  return '';
}

/** An HTTP date (`Sun, 16 Aug 2026 10:00:00 GMT`) or ISO time as ISO 8601; other text as it is. */
function isoDate(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/**
 * Reads SPEC (the JSON document; a `.yaml` SPEC stands for its `.json` twin) and the files
 * around it: the YAML twin's size, `../manifest.json` (generator and source per API), and the
 * snapshot metadata `apidoc.meta.json` (`{ url, sha256, fetchedAt, lastModified? }`), which
 * wins for the source. The source date is the source's Last-Modified when known, else the
 * snapshot's fetch time: never the time of this run.
 */
export async function readSpecFiles(spec: string): Promise<SpecFiles> {
  const extension = extname(spec).toLowerCase();
  const stem = join(dirname(spec), basename(spec, extname(spec)));
  if (!['.json', '.yaml', '.yml'].includes(extension)) {
    throw new UsageError(`${spec}: SPEC must be an OpenAPI document ending in .json (or its .yaml twin)`);
  }
  const jsonPath = extension === '.json' ? spec : `${stem}.json`;
  if (!existsSync(jsonPath)) {
    throw new InputError(
      extension === '.json'
        ? `cannot read the document ${spec}: no such file`
        : `${spec} has no JSON twin ${jsonPath}`,
    );
  }
  const document = await readJson(jsonPath, 'the document');
  if (!isObject(document) || !isObject(document.paths)) {
    throw new InputError(`${jsonPath} is not an OpenAPI document (no "paths" object)`);
  }
  const yamlPath = ['.yaml', '.yml'].map((e) => stem + e).find((p) => existsSync(p));
  const api = apiOf(jsonPath);
  const meta: StatsMeta & { api: string } = {
    api,
    sourceUrl: isApiId(api) ? getApiTarget(api).apidocUrl : '',
    sourceSha256: '',
    sourceDate: '',
    generatorVersion: generatorOf(document),
    jsonBytes: (await stat(jsonPath)).size,
    yamlBytes: yamlPath === undefined ? 0 : (await stat(yamlPath)).size,
  };
  // specs/manifest.json (written by the pipeline) names the generator and the source of each
  // API; the document itself does not record its generator, so without it the version is unknown.
  const manifestPath = join(dirname(dirname(jsonPath)), 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = await readJson(manifestPath, 'the manifest');
    const entry = isObject(manifest) && isObject(manifest.apis) ? manifest.apis[api] : undefined;
    if (isObject(entry)) {
      if (meta.generatorVersion === '' && typeof entry.generator === 'string')
        meta.generatorVersion = entry.generator;
      const source = isObject(entry.source) ? entry.source : {};
      if (typeof source.url === 'string') meta.sourceUrl = source.url;
      if (typeof source.sha256 === 'string') meta.sourceSha256 = source.sha256;
      if (typeof source.fetchedAt === 'string') meta.sourceDate = isoDate(source.fetchedAt);
    }
  }
  const metaPath = join(dirname(jsonPath), 'apidoc.meta.json');
  if (existsSync(metaPath)) {
    const snapshot = await readJson(metaPath, 'the snapshot metadata');
    if (!isObject(snapshot) || typeof snapshot.url !== 'string' || typeof snapshot.sha256 !== 'string') {
      throw new InputError(`${metaPath} is not snapshot metadata (url and sha256 strings expected)`);
    }
    meta.sourceUrl = snapshot.url;
    meta.sourceSha256 = snapshot.sha256;
    const date = typeof snapshot.lastModified === 'string' ? snapshot.lastModified : snapshot.fetchedAt;
    meta.sourceDate = typeof date === 'string' ? isoDate(date) : '';
  }
  return yamlPath === undefined ? { document, jsonPath, meta } : { document, jsonPath, yamlPath, meta };
}
