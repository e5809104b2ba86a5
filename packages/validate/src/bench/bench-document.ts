import { type ApiTree, getApiTarget } from '@proxmox-openapi/core';
import { generateSpec, serializeSpec } from '@proxmox-openapi/spec-generate';

/** The document a benchmark measures, as the pipeline would publish it. */
export interface BenchDocument {
  document: object;
  json: string;
  yaml: string;
}

/**
 * Generates the document with spec-generate (a devDependency, imported only by the bench and
 * the tests: no stage imports another at runtime).
 */
export function benchDocument(tree: ApiTree, api: 'pve' | 'pbs'): BenchDocument {
  const document = generateSpec(tree, { target: getApiTarget(api) });
  return { document, ...serializeSpec(document) };
}
