import {
  APIDOC_METHODS,
  isJsonObject as isObject,
  REPORTED_METHODS,
  redactUrl,
  requestBodyPropertyNames,
  resolveLocalRef,
} from '@proxmox-openapi/core';
import type { SpecStats, StatsMeta } from './types.js';

type Json = Record<string, unknown>;

/** An apidoc's methods: every table shows them, even at 0, so that columns never come and go between runs. */
const ALWAYS_SHOWN: ReadonlySet<string> = new Set(APIDOC_METHODS.map((method) => method.toLowerCase()));

/** The parameters one operation takes: declared parameters (deduplicated by place and name) and body properties. */
function countParameters(document: Json, pathItem: Json, operation: Json): number {
  const declared = new Set<string>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = resolveLocalRef(document, raw);
      if (isObject(parameter) && typeof parameter.name === 'string')
        declared.add(`${String(parameter.in)}:${parameter.name}`);
    }
  }
  // The same body is offered as JSON and as a form: its properties count once.
  return declared.size + requestBodyPropertyNames(document, operation.requestBody).size;
}

/** The top-level group of a path: its first segment, `/` for the root. */
function groupOf(path: string): string {
  return path.split('/').find((s) => s !== '') ?? '/';
}

function sortedRecord(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Counts what an OpenAPI document holds (paths, operations by method and by top-level group,
 * parameters, named schemas) and joins the numbers the document cannot know (sizes, source,
 * generator) from `meta`. Pure: the same inputs give the same statistics.
 */
export function computeStats(document: object, meta: StatsMeta & { api: string }): SpecStats {
  const doc = document as Json;
  const info = isObject(doc.info) ? doc.info : {};
  const byMethod = new Map<string, number>();
  const byGroup = new Map<string, number>();
  let paths = 0;
  let operations = 0;
  let parameters = 0;
  for (const [path, rawItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const pathItem = resolveLocalRef(doc, rawItem);
    if (!isObject(pathItem)) continue;
    let here = 0;
    for (const method of REPORTED_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      here++;
      byMethod.set(method, (byMethod.get(method) ?? 0) + 1);
      byGroup.set(groupOf(path), (byGroup.get(groupOf(path)) ?? 0) + 1);
      parameters += countParameters(doc, pathItem, operation);
    }
    if (here > 0) paths++;
    operations += here;
  }
  const operationsByMethod: Record<string, number> = {};
  for (const method of REPORTED_METHODS) {
    const count = byMethod.get(method) ?? 0;
    if (count > 0 || ALWAYS_SHOWN.has(method)) operationsByMethod[method.toUpperCase()] = count;
  }
  const components = isObject(doc.components) ? doc.components : {};
  return {
    api: meta.api,
    title: typeof info.title === 'string' ? info.title : '',
    openapi:
      typeof doc.openapi === 'string' ? doc.openapi : typeof doc.swagger === 'string' ? doc.swagger : '',
    paths,
    operations,
    operationsByMethod,
    operationsByGroup: sortedRecord(byGroup),
    parameters,
    schemas: isObject(components.schemas) ? Object.keys(components.schemas).length : 0,
    jsonBytes: meta.jsonBytes,
    yamlBytes: meta.yamlBytes,
    sourceUrl: meta.sourceUrl === undefined ? meta.sourceUrl : redactUrl(meta.sourceUrl),
    sourceSha256: meta.sourceSha256,
    sourceDate: meta.sourceDate,
    generatorVersion: meta.generatorVersion,
  };
}
