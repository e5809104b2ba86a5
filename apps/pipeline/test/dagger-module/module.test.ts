import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { API_TARGETS } from '@proxmox-openapi/core';
import { CACHE_MOUNTS, NODE_IMAGE, WORKSPACE_EXCLUDES } from '@proxmox-openapi/core/dagger';
import { fixturePath } from '@proxmox-openapi/test-fixtures';
import { type StandInEngine, startStandInEngine } from '@proxmox-openapi/test-kit';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTAINER_CLI as PIPELINE_BIN } from '../../src/engines/dagger-job.js';
import { loadDaggerModule, REPO_ROOT, SDK_ENTRY, type Sdk } from './load-module.js';

/*
 * The Dagger module (dagger/src/index.ts) driven through the real SDK against the stand-in
 * engine. The module imports `@dagger.io/dagger`, which inside `dagger call` is the SDK that
 * the engine generates; here the test loads a copy whose import specifiers point at this
 * package's installed SDK, at the core sources and at the module's own files, and nothing
 * else is changed. The test lives with the app because the module runs the app's CLI.
 */

const root = REPO_ROOT;
const moduleFile = join(root, 'dagger/src/index.ts');
const sdkEntry = SDK_ENTRY;

interface ModuleInstance {
  lint(): Promise<string>;
  lintAndFix(): import('@dagger.io/dagger').Directory;
  generate(api?: string, openapi?: string): import('@dagger.io/dagger').Directory;
  generateAll(openapi?: string, api?: string): import('@dagger.io/dagger').Directory;
  validate(specs: import('@dagger.io/dagger').Directory, api?: string): Promise<string>;
  validateAndReport(
    specs: import('@dagger.io/dagger').Directory,
    api?: string,
  ): import('@dagger.io/dagger').File;
  pipeline(api?: string, publish?: boolean): import('@dagger.io/dagger').Directory;
  diff(
    oldSchema: import('@dagger.io/dagger').File,
    newSchema: import('@dagger.io/dagger').File,
    api?: string,
    format?: string,
    failOn?: string,
  ): Promise<string>;
  site(specs: import('@dagger.io/dagger').Directory): import('@dagger.io/dagger').Directory;
}

let sdk: Sdk;
let ProxmoxOpenapi: new (source: import('@dagger.io/dagger').Directory) => ModuleInstance;
let engine: StandInEngine;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'dagger-module-'));
  ({ sdk, ProxmoxOpenapi } = await loadDaggerModule<ModuleInstance>(tmp));
  engine = await startStandInEngine({
    answer: (leaf, query) => {
      if (leaf === 'stdout') return 'ok\n';
      // A host file's name, as the engine gives it: the base name of its path.
      if (leaf === 'name') return /file \(path: "([^"]*)"\)/.exec(query.query)?.[1]?.split('/').pop();
      return undefined;
    },
  });
  Object.assign(process.env, engine.env);
});

afterAll(async () => {
  await engine?.close();
  delete process.env.DAGGER_SESSION_PORT;
  delete process.env.DAGGER_SESSION_TOKEN;
  await rm(tmp, { recursive: true, force: true });
});

/** Runs `use` with the module constructed on the repository; returns the queries it caused. */
async function call(use: (m: ModuleInstance, dag: Sdk['dag']) => Promise<unknown>): Promise<string[]> {
  const before = engine.queries.length;
  await sdk.connection(async () => {
    await use(new ProxmoxOpenapi(sdk.dag.host().directory(root)), sdk.dag);
  });
  return engine.queries.slice(before).map((q) => q.query);
}

const cli = (...args: string[]) => `withExec (args: ${JSON.stringify(['node', PIPELINE_BIN, ...args])}`;
const leafOf = (queries: string[], leaf: string) => queries.find((q) => q.includes(leaf)) as string;

describe('the Dagger module over the SDK', () => {
  it('lint: runs the lint stage in the built workspace of the pinned image and returns its report', async () => {
    let report = '';
    const queries = await call(async (m) => {
      report = await m.lint();
    });
    expect(report).toBe('ok\n');
    const chain = leafOf(queries, `${cli('lint')}) { stdout }`);
    expect(chain.startsWith(`{ container { from (address: "${NODE_IMAGE}")`)).toBe(true);
    expect(chain.indexOf('"--frozen-lockfile"')).toBeLessThan(chain.indexOf('exclude: ["**/node_modules"'));
    expect(queries).toContain(`{ cacheVolume (key: "${CACHE_MOUNTS.pnpmStore.key}") { id } }`);
  });

  it('lint-and-fix: returns the fixed sources, whatever lint found', async () => {
    const queries = await call((m) => m.lintAndFix().export('/tmp/fixed'));
    const chain = leafOf(queries, 'export (path: "/tmp/fixed")');
    expect(chain).toContain(`${cli('lint', '--fix')},expect: ANY)`);
    expect(chain).toContain('directory (path: "/workspace") { filter (exclude: ["**/node_modules"');
  });

  it('generate --api=pbs: one API from its snapshot; an unknown API is refused', async () => {
    const queries = await call((m) => m.generate('pbs', '3.1').export('/tmp/pbs'));
    expect(leafOf(queries, 'export (path: "/tmp/pbs")')).toContain(
      `${cli('generate', '--api', 'pbs', '--input', 'specs/pbs/apidoc.json', '--out-dir', '/out/pbs', '--openapi', '3.1')}) { directory (path: "/out/pbs") { export`,
    );
    await expect(call(async (m) => m.generate('nope'))).rejects.toThrow('unknown API "nope"');
    await expect(call(async (m) => m.generate('pve', '2.0'))).rejects.toThrow('--openapi "2.0"');
  });

  it('generate-all: every registered API (or the selection) as branches joined in one directory', async () => {
    const ids = API_TARGETS.map((t) => t.id);
    const all = await call((m) => m.generateAll().export('/tmp/all'));
    for (const id of ids) {
      expect(
        all.filter((q) => q.includes(`"generate","--api","${id}"`)),
        id,
      ).toHaveLength(1);
    }
    const joined = ids.map((id) => `withDirectory \\(path: "${id}",source: "[^"]+"\\) \\{ `).join('');
    expect(leafOf(all, 'export (path: "/tmp/all")')).toMatch(
      new RegExp(`^\\{ directory \\{ ${joined}export`),
    );

    const both = await call((m) => m.generateAll('3.0', 'both').export('/tmp/both'));
    expect(both.filter((q) => q.includes('"generate","--api",'))).toHaveLength(2);
    expect(leafOf(both, 'export (path: "/tmp/both")')).toMatch(
      /^\{ directory \{ withDirectory \(path: "pve",source: "[^"]+"\) \{ withDirectory \(path: "pbs",source: "[^"]+"\) \{ export/,
    );
    await expect(call(async (m) => m.generateAll('3.0', 'pve,nope'))).rejects.toThrow('unknown API "nope"');
  });

  it('validate and validate-and-report: each API of the specs folder; the report survives findings', async () => {
    let printed = '';
    const queries = await call(async (m, dag) => {
      const specs = dag.host().directory(join(root, 'specs'));
      printed = await m.validate(specs, 'pve');
      await m.validateAndReport(specs).export('/tmp/report.json');
    });
    expect(printed).toBe('ok\n');
    const validate = leafOf(queries, 'stdout }');
    expect(validate).toContain(
      cli(
        'validate',
        '/specs/pve/pve-api.json',
        '--apidoc',
        '/specs/pve/apidoc.json',
        '--report',
        '/out/reports/pve.json',
      ),
    );
    expect(validate).not.toContain('/specs/pbs/');
    const report = leafOf(queries, 'export (path: "/tmp/report.json")');
    expect(report).toContain('"/out/reports/pbs.json"],expect: ANY)');
    expect(report).toContain('{ file (path: "/out/validation-report.json") { export');
  });

  it('site: builds the site from the given specs folder, mounted at /specs, and returns /out/site', async () => {
    const queries = await call(async (m, dag) => {
      await m.site(dag.host().directory(join(root, 'specs'))).export('/tmp/site');
    });
    // The specs folder is one host directory loaded by the SDK; the chain copies exactly it to /specs.
    const specsQuery = queries.find((q) =>
      q.includes(`directory (path: ${JSON.stringify(join(root, 'specs'))})`),
    );
    expect(specsQuery).toBeDefined();
    const specsId = `stand-in-directory-${engine.queries.findLast((r) => r.query === specsQuery)?.index}`;
    const chain = leafOf(queries, 'export (path: "/tmp/site")');
    expect(chain.startsWith(`{ container { from (address: "${NODE_IMAGE}")`)).toBe(true);
    expect(chain).toContain(
      `withDirectory (path: "/specs",source: "${specsId}") { ${cli('site', '--specs-dir', '/specs', '--out-dir', '/out/site')}) { directory (path: "/out/site") { export (path: "/tmp/site")`,
    );
    // The site is built by the built workspace: the install and the build come before it.
    expect(chain.indexOf('"turbo","run","build"')).toBeLessThan(chain.indexOf('"site"'));
  });

  it('diff: both schemas mounted under their own names, the flags as the command takes them, the report back', async () => {
    const oldFile = fixturePath('pve-apidoc-2025-06-10.json.gz');
    const newFile = fixturePath('pve-apidoc-2026-08-16.json.gz');
    let printed = '';
    const queries = await call(async (m, dag) => {
      printed = await m.diff(dag.host().file(oldFile), dag.host().file(newFile), 'pve', 'json', 'breaking');
    });
    expect(printed).toBe('ok\n');
    // Each file is the host file the caller gave, by the id the SDK loaded it as.
    const idOf = (path: string) => {
      const q = queries.find((x) => x.includes(`file (path: ${JSON.stringify(path)}) { id }`));
      expect(q, path).toBeDefined();
      return `stand-in-file-${engine.queries.findLast((r) => r.query === q)?.index}`;
    };
    const chain = leafOf(queries, 'stdout }');
    expect(chain.startsWith(`{ container { from (address: "${NODE_IMAGE}")`)).toBe(true);
    expect(chain).toContain(
      `withMountedFile (path: "/diff/old/pve-apidoc-2025-06-10.json.gz",source: "${idOf(oldFile)}") { withMountedFile (path: "/diff/new/pve-apidoc-2026-08-16.json.gz",source: "${idOf(newFile)}") { ${cli('diff', '/diff/old/pve-apidoc-2025-06-10.json.gz', '/diff/new/pve-apidoc-2026-08-16.json.gz', '--api', 'pve', '--format', 'json', '--fail-on', 'breaking')}) { stdout }`,
    );
    // --fail-on is a gate: a non-zero exit fails the call (no `expect: ANY`).
    expect(chain).not.toContain('expect: ANY');

    // The defaults: Markdown, no --api, no gate.
    const plain = await call(async (m, dag) => {
      await m.diff(dag.host().file(oldFile), dag.host().file(newFile));
    });
    expect(leafOf(plain, 'stdout }')).toContain(
      `${cli('diff', '/diff/old/pve-apidoc-2025-06-10.json.gz', '/diff/new/pve-apidoc-2026-08-16.json.gz', '--format', 'md')}) { stdout }`,
    );
    for (const [args, message] of [
      [['nope'], 'unknown API "nope"'],
      [['pve', 'html'], '--format "html": expected md or json'],
      [['pve', 'md', 'info'], '--fail-on "info": expected breaking or warning'],
    ] as const) {
      await expect(
        call(async (m, dag) => m.diff(dag.host().file(oldFile), dag.host().file(newFile), ...args)),
      ).rejects.toThrow(message);
    }
  });

  it('pipeline --api=both --publish: a fresh stamp each call, the download cache, and specs/ back', async () => {
    const first = await call((m) => m.pipeline('both', true).export('/tmp/specs'));
    const second = await call((m) => m.pipeline('both', true).export('/tmp/specs'));
    const stamp = (qs: string[]) =>
      /PROXMOX_OPENAPI_RUN_STAMP",value: "([^"]+)"/.exec(leafOf(qs, 'export (path: "/tmp/specs")'))?.[1];
    expect(stamp(first)).toBeDefined();
    expect(stamp(first)).not.toBe(stamp(second));
    const chain = leafOf(first, 'export (path: "/tmp/specs")');
    expect(chain).toContain(`withMountedCache (path: "${CACHE_MOUNTS.stages.path}/downloads"`);
    expect(chain).toContain(
      `${cli('pipeline', '--api', 'both', '--engine', 'local', '--cache-dir', CACHE_MOUNTS.stages.path, '--publish')}) { directory (path: "/workspace/specs")`,
    );
  });

  it('pipeline and validate take --api as the CLI does: a comma list, or a one-line refusal', async () => {
    const queries = await call((m) => m.pipeline('pve,pmg').export('/tmp/two'));
    expect(leafOf(queries, 'export (path: "/tmp/two")')).toContain(
      `${cli('pipeline', '--api', 'pve,pmg', '--engine', 'local', '--cache-dir', CACHE_MOUNTS.stages.path)})`,
    );
    await expect(call(async (m) => m.pipeline('pve,,pmg'))).rejects.toThrow(
      '--api pve,,pmg: item 2 is empty',
    );
    await expect(call(async (m, dag) => m.validate(dag.host().directory(root), 'nope'))).rejects.toThrow(
      'unknown API "nope"',
    );
  });
});

// --- The module as Dagger's own introspector reads it -----------------------------------------

interface Introspected {
  name: string;
  description: string;
  cache?: string;
  arguments: Record<
    string,
    { description: string; defaultPath?: string; defaultValue?: unknown; ignore?: string[] }
  >;
  returnType: { kind: string; name?: string };
}

describe("the module through the SDK's introspector (what the engine registers)", () => {
  it('exposes each function with its documentation, argument defaults and cache policy', async () => {
    // The introspector resolves Dagger's types from the generated client.gen.ts of a module's
    // sdk/; the installed SDK has the same declarations as client.gen.d.ts.
    const api = join(dirname(sdkEntry), 'api');
    const declarations = (await readFile(join(api, 'client.gen.d.ts'), 'utf8')).replaceAll(
      'from "../',
      `from "${dirname(sdkEntry)}/`,
    );
    await writeFile(join(tmp, 'client.gen.ts'), declarations);
    const { scan } = (await import(
      pathToFileURL(join(dirname(sdkEntry), 'module/introspector/index.js')).href
    )) as {
      scan(
        files: string[],
        name: string,
        load: boolean,
      ): Promise<{
        name: string;
        objects: Record<
          string,
          { description: string; methods: Record<string, Introspected>; _constructor?: unknown }
        >;
      }>;
    };
    const module = await scan([join(tmp, 'index.ts'), join(tmp, 'client.gen.ts')], 'proxmox-openapi', false);
    const json = JSON.parse(JSON.stringify(module)) as {
      name: string;
      description: string;
      objects: Record<
        string,
        {
          description: string;
          constructor: { arguments: Introspected['arguments'] };
          methods: Record<string, Introspected>;
        }
      >;
    };
    expect(json.name).toBe('ProxmoxOpenapi');
    expect(json.description).not.toBe('');
    const object = json.objects.ProxmoxOpenapi;
    expect(object?.description).not.toBe('');
    expect(object?.constructor.arguments.source).toMatchObject({
      defaultPath: '/',
      ignore: [...WORKSPACE_EXCLUDES],
    });
    expect(object?.constructor.arguments.source?.description).not.toBe('');

    const methods = object?.methods ?? {};
    expect(Object.keys(methods).map(kebab).sort()).toEqual(
      [
        'diff',
        'generate',
        'generate-all',
        'lint',
        'lint-and-fix',
        'pipeline',
        'site',
        'validate',
        'validate-and-report',
      ].sort(),
    );
    for (const fn of Object.values(methods)) {
      expect(fn.description, fn.name).not.toBe('');
      for (const [name, arg] of Object.entries(fn.arguments))
        expect(arg.description, `${fn.name}(${name})`).not.toBe('');
    }
    expect(methods.generate?.arguments.api?.defaultValue).toBe('pve');
    expect(methods.pipeline?.arguments.api?.defaultValue).toBe('all');
    expect(methods.validate?.arguments.api?.defaultValue).toBe('all');
    expect(methods.pipeline?.arguments.publish?.defaultValue).toBe(false);
    expect(methods.validate?.arguments.specs?.defaultPath).toBe('/specs');
    expect(methods.site?.arguments.specs?.defaultPath).toBe('/specs');
    expect(Object.keys(methods.diff?.arguments ?? {})).toEqual([
      'oldSchema',
      'newSchema',
      'api',
      'format',
      'failOn',
    ]);
    expect(methods.diff?.arguments.format?.defaultValue).toBe('md');
    expect(methods.diff?.returnType).toEqual({ kind: 'STRING_KIND' });
    expect(methods.site?.returnType).toEqual({ kind: 'OBJECT_KIND', name: 'Directory' });
    expect(methods.lintAndFix?.returnType).toEqual({ kind: 'OBJECT_KIND', name: 'Directory' });
    expect(methods.validateAndReport?.returnType).toEqual({ kind: 'OBJECT_KIND', name: 'File' });
    expect(methods.pipeline?.returnType).toEqual({ kind: 'OBJECT_KIND', name: 'Directory' });
    // The function that downloads is never served from the function cache; the others may be.
    const rawMethods = module.objects.ProxmoxOpenapi?.methods ?? {};
    expect(
      Object.values(rawMethods)
        .filter((m) => m.cache !== undefined)
        .map((m) => [m.name, m.cache]),
    ).toEqual([['pipeline', 'never']]);
  });
});

// --- The module's declaration, read with the TypeScript compiler ------------------------------

const source = ts.createSourceFile(
  moduleFile,
  ts.sys.readFile(moduleFile) ?? '',
  ts.ScriptTarget.Latest,
  true,
);
const moduleClass = source.statements.find(ts.isClassDeclaration) as ts.ClassDeclaration;

function decorators(node: ts.Node): string[] {
  return (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).map((d) =>
    d.expression.getText(source),
  );
}
const hasDoc = (node: ts.Node) =>
  ts.getJSDocCommentsAndTags(node).length > 0 ||
  /\/\*\*[\s\S]*\*\/\s*$/.test(source.text.slice(node.getFullStart(), node.getStart(source)));
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('the module declaration', () => {
  const functions = moduleClass.members
    .filter(ts.isMethodDeclaration)
    .filter((m) => decorators(m).some((d) => d.startsWith('func(')));
  const names = functions.map((f) => kebab(f.name.getText(source)));

  it('has exactly the functions of the issue', () => {
    expect(names.sort()).toEqual(
      [
        'diff',
        'generate',
        'generate-all',
        'lint',
        'lint-and-fix',
        'pipeline',
        'site',
        'validate',
        'validate-and-report',
      ].sort(),
    );
  });

  it('documents the module, every function and every argument (they become dagger call --help)', () => {
    expect(hasDoc(moduleClass)).toBe(true);
    const ctor = moduleClass.members.find(ts.isConstructorDeclaration) as ts.ConstructorDeclaration;
    for (const fn of [...functions, ctor]) {
      if (fn !== ctor) expect(hasDoc(fn), fn.getText(source).slice(0, 40)).toBe(true);
      for (const p of fn.parameters)
        expect(hasDoc(p), `${fn.name?.getText(source) ?? 'constructor'}(${p.name.getText(source)})`).toBe(
          true,
        );
    }
  });

  it('gives decorators only literal arguments (Dagger reads them from the source text), and the same excludes as core', () => {
    const isLiteral = (e: ts.Expression): boolean =>
      ts.isStringLiteral(e) ||
      e.kind === ts.SyntaxKind.TrueKeyword ||
      e.kind === ts.SyntaxKind.FalseKeyword ||
      (ts.isArrayLiteralExpression(e) && e.elements.every((x) => ts.isStringLiteral(x)));
    const checked: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isDecorator(node) && ts.isCallExpression(node.expression)) {
        for (const arg of node.expression.arguments) {
          if (!ts.isObjectLiteralExpression(arg)) continue;
          for (const p of arg.properties) {
            expect(ts.isPropertyAssignment(p) && isLiteral(p.initializer), p.getText(source)).toBe(true);
            checked.push(p.getText(source));
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(checked.length).toBeGreaterThanOrEqual(3);
    const ctor = moduleClass.members.find(ts.isConstructorDeclaration) as ts.ConstructorDeclaration;
    const decorator = ts.getDecorators(ctor.parameters[0] as ts.ParameterDeclaration)?.[0]
      ?.expression as ts.CallExpression;
    const options = decorator.arguments[0] as ts.ObjectLiteralExpression;
    const ignore = options.properties.find(
      (p) => p.name?.getText(source) === 'ignore',
    ) as ts.PropertyAssignment;
    const listed = (ignore.initializer as ts.ArrayLiteralExpression).elements.map(
      (e) => (e as ts.StringLiteral).text,
    );
    expect(listed).toEqual([...WORKSPACE_EXCLUDES]);
  });

  it('defaults the source to the repository root, and only the downloading function opts out of the cache', () => {
    const ctor = moduleClass.members.find(ts.isConstructorDeclaration) as ts.ConstructorDeclaration;
    expect(decorators(ctor.parameters[0] as ts.ParameterDeclaration)[0]).toMatch(
      /^argument\(\{\s+defaultPath: '\/'/,
    );
    const uncached = functions
      .filter((f) => decorators(f).some((d) => d.includes("cache: 'never'")))
      .map((f) => f.name.getText(source));
    expect(uncached).toEqual(['pipeline']);
  });
});

describe('dagger.json', () => {
  const config = JSON.parse(ts.sys.readFile(join(root, 'dagger.json')) ?? '{}') as {
    engineVersion: string;
    source: string;
    include: string[];
  };

  it('pins the engine of the SDK version that the builders are typed against', async () => {
    const sdkPackage = JSON.parse(await readFile(join(dirname(sdkEntry), '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(config.engineVersion).toBe(`v${sdkPackage.version}`);
    expect(config.source).toBe('dagger');
  });

  it('keeps installs, Turbo state, build outputs and caches out of the upload', () => {
    for (const pattern of ['!**/node_modules', '!**/.turbo', '!**/dist', '!**/.cache'])
      expect(config.include).toContain(pattern);
  });

  it('includes every core file the module imports, directly or through them', () => {
    const needed = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string) => {
      const text = ts.sys.readFile(file) ?? '';
      for (const m of text.matchAll(/from '(\.\.?\/[^']+)'/g)) {
        const target = resolve(dirname(file), (m[1] as string).replace(/\.js$/, '.ts'));
        const rel = relative(root, target);
        if (seen.has(rel)) continue;
        seen.add(rel);
        // The module's own files are loaded anyway; what they import from core must be included.
        if (!rel.startsWith('dagger/')) needed.add(rel);
        visit(target);
      }
    };
    visit(moduleFile);
    expect(needed.size).toBeGreaterThan(0);
    for (const file of needed) expect(config.include).toContain(file);
  });
});
