import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TestProject } from 'vitest/node';
import { startPrism } from './prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The base URL of the Prism mock of each published document, by product id. */
    prismMocks: Record<(typeof MOCKED)[number], string>;
  }
}

/** The products whose published documents the scenarios run against. */
const MOCKED = ['pve', 'pbs', 'pmg', 'pdm'] as const;

/** A published document as this package's build wrote it (what the tarball ships). */
export function publishedDocument(id: string): { paths: Record<string, unknown> } {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve(`@proxmox-openapi/client/${id}/openapi.json`), 'utf8'));
}

/**
 * Vitest's global setup: one Prism mock per published document for the whole test run. Prism
 * loads a document in seconds of CPU (about 5 s for PVE), and the mocks hold no state between
 * requests, so the test files that need one share it instead of starting their own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = await Promise.allSettled(MOCKED.map((id) => startPrism(publishedDocument(id), id)));
  const mocks = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(mocks.map((mock) => mock.stop()));
    throw failed.reason;
  }
  project.provide(
    'prismMocks',
    Object.fromEntries(MOCKED.map((id, i) => [id, mocks[i]?.baseUrl])) as Record<
      (typeof MOCKED)[number],
      string
    >,
  );
  return async () => {
    await Promise.all(mocks.map((mock) => mock.stop()));
  };
}
