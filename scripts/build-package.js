#!/usr/bin/env node
// @ts-check
// The JavaScript build of one workspace package, run from the package's folder by its `build`
// script: every TypeScript file under src/ except tests and test support, transpiled file by file
// into dist/ with esbuild (no bundling, so dist/ mirrors src/ as tsc's output did). Types are not
// checked here: `pnpm lint` runs tsc over every package, and `build:types` writes the .d.ts files
// that a published tarball ships (see docs/design.md, "The build").
//
//   Arguments: [--exclude DIR]... (a folder under src/ to leave out, as validate does with src/bench)
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const USAGE = 'usage: build-package.js [--exclude DIR]... (run from a package folder)';

/**
 * The folders under src/ to leave out, from `--exclude DIR` pairs.
 * @param {string[]} argv
 * @returns {string[]}
 */
function parseExcludes(argv) {
  const excluded = [];
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (argv[i] !== '--exclude' || value === undefined) throw new Error(USAGE);
    excluded.push(value.replace(/\/+$/, ''));
  }
  return excluded;
}

/**
 * The files to transpile: tsconfig.build.json's set (src/, without tests, test support and
 * declaration files), minus the excluded folders. Sorted, so that the build is the same on any
 * file system.
 * @param {string} dir
 * @param {string[]} excluded
 * @returns {string[]}
 */
function sourceFiles(dir, excluded) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'test-support' || excluded.includes(path)) continue;
      found.push(...sourceFiles(path, excluded));
    } else if (/\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) {
      found.push(path);
    }
  }
  return found.sort();
}

try {
  const excluded = parseExcludes(process.argv.slice(2));
  const entryPoints = sourceFiles('src', excluded);
  if (entryPoints.length === 0) throw new Error('src/: no TypeScript files');
  // Cleared first, so that nothing from an earlier build (a deleted module) is tested or packed.
  rmSync('dist', { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: 'dist',
    outbase: 'src',
    bundle: false,
    platform: 'node',
    format: 'esm',
    // tsconfig.base.json's target: the same syntax reaches dist/ as with tsc.
    target: 'es2023',
    // No source maps, as before: they would point at src/, which the tarballs do not ship.
    sourcemap: false,
    logLevel: 'warning',
  });
} catch (error) {
  // esbuild has already printed its own located errors; this is the one line that says where.
  console.error(
    `build-package (${process.cwd()}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
  );
  process.exitCode = 1;
}
