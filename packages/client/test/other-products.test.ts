import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { getApiTarget } from '@proxmox-openapi/core';
import { generateSpec, serializeSpec } from '@proxmox-openapi/spec-generate';
import { loadFixtureTree, OTHER_PRODUCT_FIXTURES } from '@proxmox-openapi/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProducts } from '../src/build/build-products.js';
import { getProduct, type ProductId } from '../src/products.js';
import { type PrismMock, startPrism } from './support/prism.js';
import { recordingFetch } from './support/recording-fetch.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * PMG and PDM before their documents are published: the test generates them from the fixtures
 * with spec-generate, builds their subpaths with the package's own build function into a scratch
 * folder (beside a copy of the built client), type-checks a scenario against them and runs it
 * against Prism mocks of the generated documents.
 */
describe('PMG and PDM subpaths, built from documents generated from the fixtures', () => {
  let dir: string;
  const documents = new Map<
    ProductId,
    { paths: Record<string, unknown>; components: Record<string, unknown> }
  >();
  const mocks: PrismMock[] = [];
  beforeAll(async () => {
    await mkdir(join(packageDir, '.cache'), { recursive: true });
    dir = await mkdtemp(join(packageDir, '.cache', 'other-products-'));
    for (const fixture of OTHER_PRODUCT_FIXTURES) {
      const id = fixture.api as ProductId;
      const document = generateSpec(loadFixtureTree(fixture.file) as never, { target: getApiTarget(id) });
      await mkdir(join(dir, 'specs', id), { recursive: true });
      await writeFile(join(dir, 'specs', id, `${id}-api.json`), serializeSpec(document).json);
      documents.set(id, JSON.parse(serializeSpec(document).json));
    }
    await buildProducts({
      specsDir: join(dir, 'specs'),
      outDir: join(dir, 'dist/products'),
      products: ['pmg', 'pdm'],
    });
    for (const file of await readdir(join(packageDir, 'dist'))) {
      if (/\.(js|d\.ts)(\.map)?$/.test(file))
        await copyFile(join(packageDir, 'dist', file), join(dir, 'dist', file));
    }
    await copyFile(join(packageDir, 'test/other-products/scenario.ts'), join(dir, 'scenario.ts'));
  }, 300_000);
  afterAll(async () => {
    await Promise.all(mocks.map((m) => m.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it('have the cookie and token header of the product table in their security schemes', () => {
    for (const id of ['pmg', 'pdm'] as const) {
      const schemes = documents.get(id)?.components.securitySchemes as Record<
        string,
        { name: string; description: string }
      >;
      const product = getProduct(id);
      expect(schemes.Ticket?.name).toBe(product.authCookie);
      if (product.tokenPrefix)
        expect(schemes.ApiToken?.description).toContain(`${product.tokenPrefix}=USER@REALM!TOKENID`);
    }
  });

  it('type-check the scenario, whose @ts-expect-error lines each meet an error', {
    timeout: 300_000,
  }, async () => {
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.json',
        compilerOptions: { rootDir: '.' },
        include: ['scenario.ts'],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const output = await run(process.execPath, [tsc, '-p', dir, '--pretty', 'false']).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(output).toBe('');
    expect((await readFile(join(dir, 'scenario.ts'), 'utf8')).match(/@ts-expect-error/g)).toHaveLength(4);
  });

  it('run the scenario against Prism: a PMG ticket login and a PDM token, every request accepted', {
    timeout: 600_000,
  }, async () => {
    const [pmgMock, pdmMock] = await Promise.all([
      startPrism(documents.get('pmg') as never, 'pmg'),
      startPrism(documents.get('pdm') as never, 'pdm'),
    ]);
    mocks.push(pmgMock, pdmMock);
    const recorder = recordingFetch();
    const load = (id: string) => import(pathToFileURL(join(dir, 'dist/products', id, 'index.js')).href);
    const pmg = (await load('pmg')).createClient({
      baseUrl: pmgMock.baseUrl,
      auth: { username: 'root@pam', password: 'secret' },
      fetch: recorder.fetch,
    });
    const pdm = (await load('pdm')).createClient({
      baseUrl: pdmMock.baseUrl,
      auth: { token: 'admin@pam!ops=00000000-0000-0000-0000-000000000000' },
      fetch: recorder.fetch,
    });
    const { runScenario } = await import(pathToFileURL(join(dir, 'scenario.ts')).href);
    const calls = (await runScenario(pmg, pdm)) as string[];
    expect(calls).toHaveLength(11);
    expect(recorder.exchanges).toHaveLength(12); // and the PMG login
    expect(recorder.exchanges.filter((e) => e.requestViolations.length > 0 || e.status >= 300)).toEqual([]);
    const pdmHeaders = recorder.exchanges.filter((e) => e.url.startsWith(pdmMock.baseUrl));
    expect(pdmHeaders).toHaveLength(5);
  });
});
