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

/** The API a SPEC path names: `pve` from `pve-api.json` (or `.yaml`); otherwise the folder's name (`specs/pve/`). */
export function specApi(spec: string): string {
  const match = /^(.+)-api$/.exec(basename(spec, extname(spec)));
  return match?.[1] ?? basename(dirname(spec));
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

/** What the caller knows about a document's source and generator, from files this stage does not read. */
export type KnownSource = Partial<
  Pick<StatsMeta, 'sourceUrl' | 'sourceSha256' | 'sourceDate' | 'generatorVersion'>
>;

/**
 * Reads SPEC (the JSON document; a `.yaml` SPEC stands for its `.json` twin) and the size of
 * its YAML twin. Where the document came from is not in the document: the caller reads it (the
 * snapshot's metadata, the manifest) and passes it as `known`; without it the source is the
 * registry's URL for a registered API and unknown otherwise, and the generator is the one the
 * document records (`x-generator`), else `known.generatorVersion`.
 */
export async function readSpecFiles(spec: string, known: KnownSource = {}): Promise<SpecFiles> {
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
  const api = specApi(jsonPath);
  const meta: StatsMeta & { api: string } = {
    api,
    sourceUrl: known.sourceUrl ?? (isApiId(api) ? getApiTarget(api).apidocUrl : ''),
    sourceSha256: known.sourceSha256 ?? '',
    sourceDate: known.sourceDate ?? '',
    generatorVersion: generatorOf(document) || (known.generatorVersion ?? ''),
    jsonBytes: (await stat(jsonPath)).size,
    yamlBytes: yamlPath === undefined ? 0 : (await stat(yamlPath)).size,
  };
  return yamlPath === undefined ? { document, jsonPath, meta } : { document, jsonPath, yamlPath, meta };
}
