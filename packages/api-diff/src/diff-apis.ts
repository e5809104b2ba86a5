import { type ApiMethod, type ApiTree, type HttpMethod, listOperations } from '@proxmox-openapi/core';
import { ChangeSink } from './change-sink.js';
import { compareAccess } from './compare-access.js';
import { compareParameters, summarizeSchema } from './compare-request.js';
import { compareReturns } from './compare-response.js';
import { readDescription } from './normalize.js';
import { sortChanges } from './sort-changes.js';
import { summarize } from './summary.js';
import type { ApiChange, ApiDiff, DiffOptions } from './types.js';

function operationsOf(
  tree: ApiTree,
): Map<string, { method: HttpMethod; path: string; definition: ApiMethod }> {
  const out = new Map<string, { method: HttpMethod; path: string; definition: ApiMethod }>();
  for (const { method, path, definition } of listOperations(tree))
    out.set(`${method} ${path}`, { method, path, definition });
  return out;
}

/**
 * The classified difference between two versions of a Proxmox API. Pure: same trees, same
 * result (sorted, see `ApiDiff.changes`). The trees are the apidoc schemas as parsed; values
 * are compared as Proxmox means them (booleans whatever their encoding, an indexed family
 * such as `net[n]` as one parameter with a range, property strings key by key).
 *
 * @example
 * const diff = diffApis(oldTree, newTree, { api: 'pve', from: { label: 'pve-docs 8.3.2', date: '2025-04-09' }, to: … });
 * console.log(diff.summary.line);
 */
export function diffApis(oldTree: ApiTree, newTree: ApiTree, options: DiffOptions = {}): ApiDiff {
  const from = options.from ?? { label: 'old', date: '' };
  const to = options.to ?? { label: 'new', date: '' };
  const descriptions = options.descriptions ?? true;
  const before = operationsOf(oldTree);
  const after = operationsOf(newTree);
  const changes: ApiChange[] = [];
  let operationsAdded = 0;
  let operationsRemoved = 0;
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(key);
    const next = after.get(key);
    const operation = (next ?? old) as { method: HttpMethod; path: string };
    const sink = new ChangeSink({ method: operation.method, path: operation.path }, descriptions);
    if (old && next) {
      if (descriptions) {
        const was = readDescription(old.definition);
        const is = readDescription(next.definition);
        if (was !== is) sink.add('operation-description-changed', '', was, is, 'description changed');
      }
      compareParameters(sink, old.definition.parameters, next.definition.parameters);
      compareReturns(sink, old.definition.returns, next.definition.returns);
      compareAccess(sink, old.definition, next.definition);
    } else if (next) {
      operationsAdded++;
      sink.add(
        'operation-added',
        '',
        null,
        operationShape(next.definition),
        `\`${operation.method} ${operation.path}\` added`,
      );
    } else if (old) {
      operationsRemoved++;
      sink.add(
        'operation-removed',
        '',
        operationShape(old.definition),
        null,
        `\`${operation.method} ${operation.path}\` removed`,
      );
    }
    changes.push(...sink.changes);
  }
  const sorted = sortChanges(changes);
  return {
    from,
    to,
    summary: summarize(options.api ?? '', from, to, operationsAdded, operationsRemoved, sorted),
    changes: sorted,
  };
}

/** What the changelog keeps of an added or removed operation: its name and required parameters. */
function operationShape(method: ApiMethod) {
  const properties = method.parameters?.properties ?? {};
  const required = Object.keys(properties)
    .filter((name) => {
      const summary = summarizeSchema(properties[name]) as { optional: boolean };
      return !summary.optional;
    })
    .sort();
  return { name: typeof method.name === 'string' ? method.name : null, required };
}
