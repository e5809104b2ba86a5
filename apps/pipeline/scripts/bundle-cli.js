#!/usr/bin/env node
// @ts-check
// The command line as a few bundled files in dist/bundle/, which bin/proxmox-openapi.js runs.
//
// Why a bundle: on Node 20 (no module compile cache) loading the stage packages file by file is a
// large part of every short run. A worker thread that builds targets loads Redocly, js-yaml, ajv
// and the stages: about 1,000 files, 0.4 s of CPU, paid again by each worker of each run and by
// every process the tests start. One bundle loads the same code in a fraction of that (the
// numbers are in the app's README, "Performance"). dist/ keeps the file-by-file build as well: the
// tests import it, and the Dagger container runs dist/engines/dagger-target-runner.js.
//
// Entry points are the files that are loaded by a URL rather than an import, so each must exist
// under its own name beside the chunks: the bin's run-process.js, the worker pool's
// target-worker.js, and dagger-engine.js / local-engine.js, which engines/index.ts and the
// container runner import by a computed URL. Kept out of the bundle: the Dagger SDK (loaded only
// with --engine dagger), and the lint and site stages, which find tools and renderer assets
// relative to their own installed folder.
//
// Beside the chunks, stage-versions.json records the version and code fingerprint of every
// bundled workspace package as they are now (src/run/stage-version.ts): the stage cache keys
// name the code that runs, the bundle's, even when a package's dist/ is rebuilt later without it.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const EXTERNAL = ['@dagger.io/dagger', '@proxmox-openapi/lint', '@proxmox-openapi/site'];

/** The bundled workspace packages' versions, keyed and sorted by name. */
async function bundledVersions() {
  // dist/run/stage-version.js is built by scripts/build-package.js, which runs first.
  const { fingerprintPackage } = await import('../dist/run/stage-version.js');
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  const names = Object.keys(manifest.dependencies ?? {})
    .filter((name) => name.startsWith('@proxmox-openapi/') && !EXTERNAL.includes(name))
    .sort();
  const from = fileURLToPath(new URL('../package.json', import.meta.url));
  const versions = {};
  for (const name of names) versions[name] = await fingerprintPackage(name, from);
  return versions;
}

try {
  await build({
    entryPoints: [
      { in: 'src/cli/run-process.ts', out: 'run-process' },
      { in: 'src/engines/target-worker.ts', out: 'target-worker' },
      { in: 'src/engines/dagger-engine.ts', out: 'dagger-engine' },
      { in: 'src/engines/local-engine.ts', out: 'local-engine' },
    ],
    outdir: 'dist/bundle',
    bundle: true,
    // Shared code in chunks: the main thread and the workers load each module once, and a
    // command's lazily imported stage stays lazy.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'es2023',
    external: EXTERNAL,
    // CommonJS dependencies (Redocly's) call require() for Node's own modules; an ES module has
    // no require, so each output file gets one.
    banner: {
      js: "import { createRequire as bundleCreateRequire } from 'node:module'; const require = bundleCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'warning',
  });
  await writeFile('dist/bundle/stage-versions.json', `${JSON.stringify(await bundledVersions(), null, 2)}\n`);
} catch (error) {
  console.error(`bundle-cli: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exitCode = 1;
}
