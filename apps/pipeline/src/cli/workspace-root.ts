import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '@proxmox-openapi/core';

/**
 * The repository root: the nearest folder upwards from `start` that holds pnpm-workspace.yaml.
 * Found from the caller's directory, never from this file's location, so that paths are not
 * fixed at import time.
 */
export function findWorkspaceRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new UsageError(`no pnpm-workspace.yaml above ${start}: run this inside the repository`);
    dir = parent;
  }
}
