import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (the module's `defaultPath: "/"`). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The module's own source files (dagger/src/), copied together so their imports between them hold. */
export const MODULE_FILES = ['index.ts', 'cli-calls.ts'];
/** This package's installed Dagger SDK, which stands in for the one `dagger call` generates. */
export const SDK_ENTRY = createRequire(import.meta.url).resolve('@dagger.io/dagger');

export type Sdk = typeof import('@dagger.io/dagger');

/**
 * Loads the Dagger module (dagger/src/index.ts) outside `dagger call`: a copy in `dir` whose
 * import specifiers point at this package's installed SDK, at the core sources and at the
 * module's own files; nothing else is changed. Returns the SDK and the module's class.
 */
export async function loadDaggerModule<T>(
  dir: string,
): Promise<{ sdk: Sdk; ProxmoxOpenapi: new (source: import('@dagger.io/dagger').Directory) => T }> {
  for (const name of MODULE_FILES) {
    const text = (await readFile(join(REPO_ROOT, 'dagger/src', name), 'utf8'))
      .replaceAll("from '@dagger.io/dagger'", `from ${JSON.stringify(SDK_ENTRY)}`)
      .replaceAll("from '../../packages/", `from '${join(REPO_ROOT, 'packages')}/`);
    await writeFile(join(dir, name), text);
  }
  // The module's decorators need the same compiler setting as dagger/tsconfig.json.
  await writeFile(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "experimentalDecorators": true } }\n');
  const sdk = (await import(pathToFileURL(SDK_ENTRY).href)) as Sdk;
  const { ProxmoxOpenapi } = (await import(pathToFileURL(join(dir, 'index.ts')).href)) as {
    ProxmoxOpenapi: new (source: import('@dagger.io/dagger').Directory) => T;
  };
  return { sdk, ProxmoxOpenapi };
}
