import { accessSync, constants } from 'node:fs';

/** Where Debian's `chromium` package installs the browser. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The environment variable that points the tests and the bench at another Chromium build. */
export const CHROMIUM_ENV = 'PROXMOX_OPENAPI_CHROMIUM';

/**
 * The Chromium executable to drive: `$PROXMOX_OPENAPI_CHROMIUM`, else Debian's `/usr/bin/chromium`.
 * @throws Error with one line that says how to install it, so a missing browser fails loudly
 * instead of skipping the browser tests.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = env[CHROMIUM_ENV] || DEFAULT_CHROMIUM;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `no Chromium at ${path}: install Debian's package (apt-get install -y chromium) or set ${CHROMIUM_ENV} to a Chromium executable`,
    );
  }
  return path;
}
