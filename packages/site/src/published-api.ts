import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_TARGETS, describeError, InputError } from '@proxmox-openapi/core';
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

/** One product as `specs/` publishes it. */
export interface PublishedApi {
  /** The folder name under `specs/` (`pve`, `pbs`, `pve8`, …). */
  id: string;
  /** The product name from the manifest. */
  name: string;
  /** The document's `info.title`. */
  title: string;
  /** The day the source snapshot was fetched (`YYYY-MM-DD`), from `apidoc.meta.json`. */
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
  const methods = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
  const counts = new Map(methods.map((m) => [m, 0]));
  let operations = 0;
  for (const item of Object.values(document.paths)) {
    if (!isObject(item)) continue;
    for (const method of methods) {
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

/** The manifest's order is alphabetical; the registry's order (PVE first) reads better. */
function registryOrder(ids: string[]): string[] {
  const rank = (id: string) => {
    const known = API_TARGETS.findIndex((t) => t.id === id);
    return known === -1 ? API_TARGETS.length : known;
  };
  return [...ids].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Reads what `specs/` publishes: `manifest.json` names the APIs; each `specs/<id>/` holds
 * `<id>-api.json` (required), `<id>-api.yaml`, `apidoc.meta.json` and, once the diff stage has
 * run, `changelog.json`. Nothing about a product is hard-coded here: a new folder listed in the
 * manifest is a new product on the site.
 * @throws InputError naming the file that is missing or malformed.
 */
export async function readPublishedApis(specsDir: string): Promise<PublishedApi[]> {
  const manifestFile = join(specsDir, 'manifest.json');
  const manifest = await readJson(manifestFile);
  if (!isObject(manifest) || !isObject(manifest.apis)) {
    throw new InputError(`${manifestFile} has no "apis" object: is ${specsDir} a published specs folder?`);
  }
  const manifestApis = manifest.apis;
  const ids = registryOrder(Object.keys(manifestApis));
  if (ids.length === 0) throw new InputError(`${manifestFile} lists no APIs`);
  const apis: PublishedApi[] = [];
  for (const id of ids) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      throw new InputError(`${manifestFile}: API id ${JSON.stringify(id)} is not a lower-case folder name`);
    }
    const entry = manifestApis[id];
    const folder = join(specsDir, id);
    const jsonFile = join(folder, `${id}-api.json`);
    if (!existsSync(jsonFile))
      throw new InputError(`${manifestFile} lists ${id}, but ${jsonFile} does not exist`);
    const jsonText = await readFile(jsonFile);
    const document = await readJson(jsonFile);
    const counted = countDocument(jsonFile, document);
    const yamlCandidate = join(folder, `${id}-api.yaml`);
    const yamlFile = existsSync(yamlCandidate) ? yamlCandidate : undefined;
    const yamlBytes = yamlFile ? (await readFile(yamlFile)).length : undefined;
    const metaFile = join(folder, 'apidoc.meta.json');
    const meta = existsSync(metaFile) ? await readJson(metaFile) : undefined;
    const fetchedAt = isObject(meta) && typeof meta.fetchedAt === 'string' ? meta.fetchedAt : undefined;
    const changelogFile = join(folder, 'changelog.json');
    const changelog = existsSync(changelogFile)
      ? readChangelog(changelogFile, await readJson(changelogFile))
      : undefined;
    const stats = isObject(entry) && isObject(entry.stats) ? entry.stats : {};
    apis.push({
      id,
      name: isObject(entry) && typeof entry.name === 'string' ? entry.name : counted.title || id,
      title: counted.title,
      snapshotDate: fetchedAt?.slice(0, 10),
      sourceUrl: isObject(meta) && typeof meta.url === 'string' ? meta.url : undefined,
      figures: {
        openapi: counted.openapi,
        paths: counted.paths,
        operations: counted.operations,
        operationsByMethod: counted.operationsByMethod,
        // Parameters are counted the stats stage's way (request body properties included), so
        // take its number when the manifest has it.
        parameters: typeof stats.parameters === 'number' ? stats.parameters : undefined,
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
