#!/usr/bin/env node
// @ts-check
// The `prepublishOnly` guard of every published package, run from the package's folder: `build`
// writes JavaScript only and `build:types` the declarations (docs/design.md, "The build"), so a
// package published after `build` alone would ship without types. This refuses to publish until
// every file that package.json's `exports` and `bin` name is there, in one line that says what to
// run. (Not `prepack`: pnpm prints a lifecycle script's banner on standard output, which breaks
// `pnpm pack --json`, the way test/pack reads each tarball's contents.)
import { existsSync, readFileSync } from 'node:fs';

/**
 * Every file path in an `exports` value (nested conditions included), without patterns.
 * @param {unknown} value
 * @returns {string[]}
 */
function exportedFiles(value) {
  if (typeof value === 'string') return value.includes('*') ? [] : [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(exportedFiles);
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const files = [...exportedFiles(manifest.exports), ...exportedFiles(manifest.bin)];
const missing = files.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(
    `${manifest.name}: cannot publish, ${missing.join(', ')} missing; run \`pnpm turbo run build build:types\` first`,
  );
  process.exitCode = 1;
}
