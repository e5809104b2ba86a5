import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BUILT_PRODUCTS } from '../build/built-products.js';

/**
 * Prints two tables: the runtime size of each product subpath (bundled by esbuild, minified,
 * gzipped; types are not runtime; undici stays out, it is loaded only with `tls` on Node), and
 * the time tsc takes to type-check a small file that uses each product's types. Run after the
 * build: `pnpm --filter @proxmox-openapi/client bench`.
 */
const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../../', import.meta.url));

async function runtimeSize(id: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    entryPoints: [join(packageDir, 'dist/products', id, 'index.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external: ['undici'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const USE = (id: string) =>
  id === 'baseline'
    ? 'export const version = 1;\n'
    : `import { createClient } from '@proxmox-openapi/client/${id}';
const client = createClient({ baseUrl: 'https://host:1234', auth: { token: 'root@pam!ci=secret' } });
export const version = await client.GET('/version');
`;

async function typecheckTime(
  dir: string,
  id: string,
): Promise<{ seconds: number; checkSeconds: number; memoryMb: number }> {
  const sub = join(dir, id);
  await mkdir(sub);
  await writeFile(join(sub, 'use.ts'), USE(id));
  await writeFile(
    join(sub, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../tsconfig.json',
      compilerOptions: { rootDir: '.' },
      include: ['*.ts'],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const { stdout } = await run(process.execPath, [tsc, '-p', sub, '--extendedDiagnostics']);
  const figure = (label: string) =>
    Number(new RegExp(`${label}:\\s+([\\d.]+)`).exec(stdout)?.[1] ?? Number.NaN);
  return {
    seconds: figure('Total time'),
    checkSeconds: figure('Check time'),
    memoryMb: figure('Memory used') / 1024,
  };
}

const cache = join(packageDir, '.cache');
await mkdir(cache, { recursive: true });
const dir = await mkdtemp(join(cache, 'bench-'));
try {
  console.log('| subpath | runtime min | runtime min+gz |');
  console.log('| --- | --- | --- |');
  for (const id of BUILT_PRODUCTS) {
    const size = await runtimeSize(id);
    console.log(`| /${id} | ${(size.min / 1024).toFixed(1)} KiB | ${(size.gzip / 1024).toFixed(1)} KiB |`);
  }
  console.log('\n| types | tsc total | of which check | memory |');
  console.log('| --- | --- | --- | --- |');
  // The baseline is the same project with a file that uses no types of this package.
  for (const id of ['baseline', ...BUILT_PRODUCTS]) {
    const time = await typecheckTime(dir, id);
    console.log(
      `| ${id} | ${time.seconds.toFixed(2)} s | ${time.checkSeconds.toFixed(2)} s | ${time.memoryMb.toFixed(0)} MB |`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
