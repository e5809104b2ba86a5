import { join } from 'node:path';
import { InputError, readSnapshotMeta, SPECS_LAYOUT } from '@proxmox-openapi/core';
import type { SiteApiFacts } from '@proxmox-openapi/site';
import { readManifest } from './manifest.js';

/**
 * What the site shows of each API the manifest of `specsDir` lists: the name and the counted
 * parameters from the manifest, the fetch day and URL from the snapshot's metadata. The app
 * owns the manifest, so it reads it and hands the site values, not files.
 * @throws InputError naming the manifest when it is missing or damaged.
 */
export async function readSiteApis(specsDir: string): Promise<SiteApiFacts[]> {
  const manifestFile = join(specsDir, SPECS_LAYOUT.manifest);
  const read = await readManifest(specsDir);
  if (read.state === 'absent') {
    throw new InputError(`${manifestFile} does not exist: is ${specsDir} a published specs folder?`);
  }
  if (read.state === 'damaged') throw new InputError(`${manifestFile} is damaged: ${read.problem}`);
  const apis: SiteApiFacts[] = [];
  for (const [id, entry] of Object.entries(read.manifest.apis)) {
    const meta = await readSnapshotMeta(join(specsDir, id));
    const facts: SiteApiFacts = { id, name: entry.name };
    if (meta) {
      facts.fetchedAt = meta.fetchedAt;
      facts.sourceUrl = meta.url;
    }
    if (entry.stats?.parameters !== undefined) facts.parameters = entry.stats.parameters;
    apis.push(facts);
  }
  return apis;
}
