import type { ApiTree } from '@proxmox-openapi/core';
import { loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import type { StatsMeta } from '../types.js';
import { buildFixtureDocument } from './fixture-document.js';

/** A document built from a fixture, as spec-generate lays one out. */
export function fixtureDocument(file: string): Record<string, unknown> {
  return buildFixtureDocument(loadFixtureTree(file) as ApiTree);
}

/** Metadata as `proxmox-openapi stats` reads it from a published folder. */
export const META: StatsMeta & { api: string } = {
  api: 'pve',
  sourceUrl: 'https://pve.proxmox.com/pve-docs/api-viewer/apidoc.js',
  sourceSha256: 'a'.repeat(64),
  sourceDate: '2026-08-16T09:30:00.000Z',
  generatorVersion: '@proxmox-openapi/spec-generate 0.1.0',
  jsonBytes: 3_301_234,
  yamlBytes: 2_456_789,
};
