import { type ApiTree, getApiTarget } from '@proxmox-openapi/core';
import { generateSpec } from '@proxmox-openapi/spec-generate';
import { APIDOC_FIXTURES, loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import type { StatsMeta } from '../types.js';

/**
 * The document spec-generate makes from a fixture (a devDependency used by tests only: no
 * stage imports another at runtime).
 */
export function fixtureDocument(file: string): Record<string, unknown> {
  const fixture = APIDOC_FIXTURES.find((f) => f.file === file);
  if (!fixture) throw new Error(`no fixture ${file}`);
  return generateSpec(loadFixtureTree(file) as ApiTree, { target: getApiTarget(fixture.api) });
}

/** Metadata as `readSpecFiles` reads it from a published folder. */
export const META: StatsMeta & { api: string } = {
  api: 'pve',
  sourceUrl: 'https://pve.proxmox.com/pve-docs/api-viewer/apidoc.js',
  sourceSha256: 'a'.repeat(64),
  sourceDate: '2026-08-16T09:30:00.000Z',
  generatorVersion: '@proxmox-openapi/spec-generate@0.1.0',
  jsonBytes: 3_301_234,
  yamlBytes: 2_456_789,
};
