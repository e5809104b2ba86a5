import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, SPECS_LAYOUT, sha256 } from '@proxmox-openapi/core';
import type { SourceInfo, TargetStats } from '../engines/engine.js';
import { parseManifest } from './manifest-schema.js';

/** What `specs/manifest.json` says about one API. */
export interface ManifestApi {
  name: string;
  source: Pick<SourceInfo, 'url' | 'sha256' | 'fetchedAt'>;
  /** The generator that wrote this API's documents (`@proxmox-openapi/spec-generate@x.y.z`). */
  generator: string;
  stats?: TargetStats;
}

/** One published file. */
export interface ManifestFile {
  /** Relative to `specs/`, `/`-separated. */
  path: string;
  sha256: string;
  bytes: number;
  /** The API whose file set it belongs to, when it belongs to one. */
  api?: string;
}

/** `specs/manifest.json`: every published file with its sha256, and where each API's files came from. */
export interface Manifest {
  format: 1;
  apis: Record<string, ManifestApi>;
  files: ManifestFile[];
}

/** Every regular file below `dir`, relative and `/`-separated, sorted. */
export async function listTree(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listTree(join(dir, entry.name), path)));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

/**
 * Builds the manifest of a staged `specs/` tree. Nothing in it depends on when the run happened,
 * so an unchanged set gives an unchanged manifest.
 */
export async function buildManifest(dir: string, apis: Record<string, ManifestApi>): Promise<Manifest> {
  const files: ManifestFile[] = [];
  for (const path of await listTree(dir)) {
    if (path === SPECS_LAYOUT.manifest) continue;
    const bytes = await readFile(join(dir, path));
    const file: ManifestFile = { path, sha256: sha256(bytes), bytes: bytes.length };
    const first = path.split('/')[0];
    if (path.includes('/') && first !== undefined && first in apis) file.api = first;
    files.push(file);
  }
  const ordered: Record<string, ManifestApi> = {};
  for (const id of Object.keys(apis).sort()) ordered[id] = apis[id] as ManifestApi;
  return { format: 1, apis: ordered, files };
}

/** The manifest's text: two-space JSON and a final newline. */
export function formatManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A published manifest as read: the manifest, or why it could not be used. */
export type ManifestRead =
  | { state: 'ok'; manifest: Manifest }
  | { state: 'absent' }
  | { state: 'damaged'; problem: string };

/**
 * Reads a published manifest through its schema (manifest-schema.ts): a manifest that cannot
 * be parsed or does not match is `damaged`, never partly used.
 */
export async function readManifest(specsDir: string): Promise<ManifestRead> {
  let text: string;
  try {
    text = await readFile(join(specsDir, SPECS_LAYOUT.manifest), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    return { state: 'damaged', problem: describeError(error) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { state: 'damaged', problem: `not JSON (${describeError(error)})` };
  }
  const parsed = parseManifest(value);
  return 'manifest' in parsed
    ? { state: 'ok', manifest: parsed.manifest }
    : { state: 'damaged', problem: parsed.problem };
}
