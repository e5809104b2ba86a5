import { readFileSync } from 'node:fs';

/**
 * The app's version, from its package.json (two folders up from `src/cli/` and `dist/cli/`
 * alike): the file pnpm and npm ship with the package, so it cannot drift from the release.
 */
export function appVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}
