import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  API_TARGETS,
  apiDocumentFileName,
  describeError,
  InputError,
  isJsonObject as isObject,
  REPORTED_METHODS,
  SPECS_LAYOUT,
} from '@proxmox-openapi/core';
import { type Changelog, readChangelog } from './changelog.js';

/** The numbers the landing page shows for one API. */
export interface ApiFigures {
  openapi: string;
  paths: number;
  operations: number;
  operationsByMethod: Record<string, number>;
  parameters?: number;
  schemas?: number;
}

/**
 * What the caller knows about one published API from the files the site does not read: its
 * name and figures from the manifest, its source from the snapshot's metadata. The app, which
 * writes the manifest, reads both and hands them over.
 */
export interface SiteApiFacts {
  /** The folder name under `specs/` (`pve`, `pbs`, `pve8`, …). */
  id: string;
  /** The product name; the document's title when omitted. */
  name?: string;
  /** The day the source snapshot was fetched (`YYYY-MM-DD` or an ISO time). */
  fetchedAt?: string;
  /** Where the source snapshot came from. */
  sourceUrl?: string;
  /** The number of parameters the statistics stage counted (request body properties included). */
  parameters?: number;
}

/** One product as `specs/` publishes it. */
export interface PublishedApi {
  /** The folder name under `specs/` (`pve`, `pbs`, `pve8`, …). */
  id: string;
  /** The product name the caller gave, else the document's title. */
  name: string;
  /** The document's `info.title`. */
  title: string;
  /** The day the source snapshot was fetched (`YYYY-MM-DD`). */
  snapshotDate: string | undefined;
  sourceUrl: string | undefined;
  figures: ApiFigures;
  /** Absolute paths of the published documents. */
  jsonFile: string;
  yamlFile: string | undefined;
  jsonBytes: number;
  yamlBytes: number | undefined;
  changelog: Changelog | undefined;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${describeError(error)}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not valid JSON: ${describeError(error)}`, { cause: error });
  }
}

/** Counts what the landing page shows straight from the document, so no other file can disagree. */
function countDocument(file: string, document: unknown): ApiFigures & { title: string } {
  if (!isObject(document) || !isObject(document.paths) || typeof document.openapi !== 'string') {
    throw new InputError(`${file} is not an OpenAPI document (no openapi version or paths)`);
  }
  const counts = new Map(REPORTED_METHODS.map((m) => [m, 0]));
  let operations = 0;
  for (const item of Object.values(document.paths)) {
    if (!isObject(item)) continue;
    for (const method of REPORTED_METHODS) {
      if (!isObject(item[method])) continue;
      operations += 1;
      counts.set(method, (counts.get(method) ?? 0) + 1);
    }
  }
  // A fixed method order (not the document's), and only the methods it uses.
  const byMethod = Object.fromEntries(
    [...counts].filter(([, n]) => n > 0).map(([m, n]) => [m.toUpperCase(), n]),
  );
  const components = isObject(document.components) ? document.components : {};
  const info = isObject(document.info) ? document.info : {};
  return {
    title: typeof info.title === 'string' ? info.title : '',
    openapi: document.openapi,
    paths: Object.keys(document.paths).length,
    operations,
    operationsByMethod: byMethod,
    schemas: isObject(components.schemas) ? Object.keys(components.schemas).length : 0,
  };
}

/** The registry's order (PVE first) reads better than the caller's; others follow alphabetically. */
function registryOrder(apis: readonly SiteApiFacts[]): SiteApiFacts[] {
  const rank = (id: string) => {
    const known = API_TARGETS.findIndex((t) => t.id === id);
    return known === -1 ? API_TARGETS.length : known;
  };
  return [...apis].sort((a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Reads what `specs/` publishes for the given APIs: each `specs/<id>/` holds `<id>-api.json`
 * (required), `<id>-api.yaml` and, once the diff stage has run, `changelog.json` (core's layout
 * names them). Nothing about a product is hard-coded here: a new id in `apis` is a new product
 * on the site.
 * @throws InputError naming the file that is missing or malformed.
 */
export async function readPublishedApis(
  specsDir: string,
  given: readonly SiteApiFacts[],
): Promise<PublishedApi[]> {
  if (given.length === 0) throw new InputError(`no APIs to show from ${specsDir}`);
  const apis: PublishedApi[] = [];
  for (const facts of registryOrder(given)) {
    const { id } = facts;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      throw new InputError(`API id ${JSON.stringify(id)} is not a lower-case folder name`);
    }
    const folder = join(specsDir, id);
    const jsonFile = join(folder, apiDocumentFileName(id, 'json'));
    if (!existsSync(jsonFile)) throw new InputError(`${id} is published, but ${jsonFile} does not exist`);
    const jsonText = await readFile(jsonFile);
    const document = await readJson(jsonFile);
    const counted = countDocument(jsonFile, document);
    const yamlCandidate = join(folder, apiDocumentFileName(id, 'yaml'));
    const yamlFile = existsSync(yamlCandidate) ? yamlCandidate : undefined;
    const yamlBytes = yamlFile ? (await readFile(yamlFile)).length : undefined;
    const changelogFile = join(folder, SPECS_LAYOUT.changelogJson);
    const changelog = existsSync(changelogFile)
      ? readChangelog(changelogFile, await readJson(changelogFile))
      : undefined;
    apis.push({
      id,
      name: facts.name ?? (counted.title || id),
      title: counted.title,
      snapshotDate: facts.fetchedAt?.slice(0, 10),
      sourceUrl: facts.sourceUrl,
      figures: {
        openapi: counted.openapi,
        paths: counted.paths,
        operations: counted.operations,
        operationsByMethod: counted.operationsByMethod,
        // Parameters are counted the stats stage's way (request body properties included), so
        // take its number when the caller has it.
        parameters: facts.parameters,
        schemas: counted.schemas,
      },
      jsonFile,
      yamlFile,
      jsonBytes: jsonText.length,
      yamlBytes,
      changelog,
    });
  }
  return apis;
}
