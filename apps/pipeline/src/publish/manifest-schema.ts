import { isJsonObject as isObject } from '@proxmox-openapi/core';
import type { Manifest } from './manifest.js';

/*
 * The shape of `specs/manifest.json`, checked field by field. A manifest is written by this
 * program, but it lives in a folder people edit and merge: a value that does not match is a
 * damaged manifest, and a damaged manifest is never half-used (its surviving entries would
 * publish with the entries it lost silently dropped).
 */

const SHA256 = /^[0-9a-f]{64}$/;

type Check = (value: unknown, at: string) => string | undefined;

const string: Check = (v, at) => (typeof v === 'string' ? undefined : `${at} is not a string`);
const count: Check = (v, at) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : `${at} is not a count`;
const sha: Check = (v, at) => (typeof v === 'string' && SHA256.test(v) ? undefined : `${at} is not a sha256`);
const counts: Check = (v, at) => {
  if (!isObject(v)) return `${at} is not an object`;
  for (const [key, n] of Object.entries(v)) {
    const problem = count(n, `${at}.${key}`);
    if (problem) return problem;
  }
  return undefined;
};

function fields(shape: Record<string, Check>, optional: readonly string[] = []): Check {
  return (value, at) => {
    if (!isObject(value)) return `${at} is not an object`;
    for (const [key, check] of Object.entries(shape)) {
      if (!(key in value) && optional.includes(key)) continue;
      const problem = check(value[key], `${at}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** Every statistic the root README and the release notes read. */
const stats = fields({
  api: string,
  title: string,
  openapi: string,
  paths: count,
  operations: count,
  operationsByMethod: counts,
  operationsByGroup: counts,
  parameters: count,
  schemas: count,
  jsonBytes: count,
  yamlBytes: count,
  sourceUrl: string,
  sourceSha256: string,
  sourceDate: string,
  generatorVersion: string,
});

const source = fields({ url: string, sha256: sha, fetchedAt: string });

/** One API's entry; `stats` may be absent, but an entry that has them has all of them. */
export const checkManifestApi: Check = fields({ name: string, source, generator: string, stats }, ['stats']);

const file = fields({ path: string, sha256: sha, bytes: count, api: string }, ['api']);

/**
 * Checks a parsed `manifest.json` against its schema.
 * @returns the manifest, or the first thing that is wrong with it (`apis.pbs.source.sha256 is not a sha256`).
 */
export function parseManifest(value: unknown): { manifest: Manifest } | { problem: string } {
  if (!isObject(value)) return { problem: 'it is not a JSON object' };
  if (value.format !== 1) return { problem: `format is ${JSON.stringify(value.format)}, not 1` };
  if (!isObject(value.apis)) return { problem: 'apis is not an object' };
  for (const [id, api] of Object.entries(value.apis)) {
    const problem = checkManifestApi(api, `apis.${id}`);
    if (problem) return { problem };
  }
  if (!Array.isArray(value.files)) return { problem: 'files is not a list' };
  for (const [index, entry] of value.files.entries()) {
    const problem = file(entry, `files[${index}]`);
    if (problem) return { problem };
  }
  return { manifest: value as unknown as Manifest };
}
