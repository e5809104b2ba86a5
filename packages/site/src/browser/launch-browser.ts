import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { findChromium } from './find-chromium.js';

/**
 * The flags every run uses. Without the networking ones, Chromium's own background connections
 * (component updates, sync, QUIC probes) are refused on a machine without internet and show up as
 * noise; none of them is needed to render a local page.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A running headless Chromium with a fresh profile; `close()` stops it and removes the profile. */
export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts the system Chromium headless, with a profile folder of its own, through playwright-core. */
export async function launchBrowser(
  options: { width?: number; height?: number } = {},
): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  const profile = await mkdtemp(join(tmpdir(), 'proxmox-openapi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
