import type { ApiTree } from '@proxmox-openapi/core';
import { buildFixtureDocument } from '../test-support/fixture-document.js';

/** The document a benchmark measures, and what made it. */
export interface BenchDocument {
  document: object;
  yaml?: string;
  source: string;
}

type Generate = (tree: ApiTree, options: { api: string }) => unknown;

/**
 * The generated document when spec-generate is built (a devDependency, imported only here and
 * only at bench time: no stage imports another at runtime), else the fixture stand-in.
 */
export async function benchDocument(tree: ApiTree, api: string): Promise<BenchDocument> {
  try {
    const generator = (await import('@proxmox-openapi/spec-generate')) as Record<string, unknown>;
    if (typeof generator.generateSpec === 'function') {
      const result = (generator.generateSpec as Generate)(tree, { api });
      const document = (result as { document?: object }).document ?? (result as object);
      const serialize = generator.serializeYaml ?? generator.toYaml;
      const yaml = typeof serialize === 'function' ? String(serialize(document)) : undefined;
      return yaml === undefined
        ? { document, source: 'spec-generate' }
        : { document, yaml, source: 'spec-generate' };
    }
  } catch {
    // Not built yet: measure the stand-in, and say so in the table.
  }
  return { document: buildFixtureDocument(tree), source: 'fixture stand-in (spec-generate not built)' };
}
