import { fileURLToPath } from 'node:url';
import { UsageError } from '@proxmox-openapi/core';
import { CACHE_MOUNTS } from '@proxmox-openapi/core/dagger';
import { startStandInEngine } from '@proxmox-openapi/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { findCommand } from '../cli/registry.js';
import { memoryIo as memory } from '../test-support/memory-io.js';
import { planDaggerCommand as planFor, runInContainer } from './dagger-command.js';
import { CONTAINER_CLI as PIPELINE_BIN } from './dagger-job.js';

function command(name: string) {
  const found = findCommand(name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}
const planDaggerCommand = (name: string, argv: string[], cwd: string) => planFor(command(name), argv, cwd);
const runDaggerCommand = (name: string, argv: string[], io: ReturnType<typeof memoryIo>) =>
  runInContainer(command(name), argv, io);

const root = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');

afterEach(() => {
  delete process.env.DAGGER_SESSION_PORT;
  delete process.env.DAGGER_SESSION_TOKEN;
});

describe('planDaggerCommand', () => {
  it('mounts fetch --source FILE, redirects --out, and keeps the download cache on its volume', () => {
    const plan = planDaggerCommand(
      'fetch',
      ['--api', 'pve', '--source', 'in/apidoc.js', '--out=out/pve.json'],
      '/w',
    );
    expect(plan.args).toEqual([
      'fetch',
      '--api',
      'pve',
      '--source',
      '/io/in/0/apidoc.js',
      '--out',
      '/io/out/0/pve.json',
      '--cache-dir',
      CACHE_MOUNTS.apidoc.path,
    ]);
    expect(plan.inputs).toEqual([{ host: '/w/in/apidoc.js', container: '/io/in/0/apidoc.js', kind: 'file' }]);
    expect(plan.outputs).toEqual([
      { host: '/w/out/pve.json', container: '/io/out/0/pve.json', kind: 'file' },
    ]);
    expect(plan.downloads).toBe(false);
  });

  it('marks a fetch from a URL or the viewer as a download, and drops a host --cache-dir', () => {
    expect(planDaggerCommand('fetch', ['--api', 'pbs', '--out', 'x.json'], '/w').downloads).toBe(true);
    const url = planDaggerCommand(
      'fetch',
      ['--api', 'pbs', '--source', 'https://h/apidoc.js', '--cache-dir', '/host/c', '--out', 'x.json'],
      '/w',
    );
    expect(url.downloads).toBe(true);
    expect(url.inputs).toEqual([]);
    expect(url.args).toContain('https://h/apidoc.js');
    expect(url.args).not.toContain('/host/c');
  });

  it('maps generate --input and --out-dir, validate SPEC, --apidoc and --report, and lint --fix', () => {
    expect(
      planDaggerCommand(
        'generate',
        ['--api', 'pve', '--input', 'a.json', '--out-dir', 'o', '--openapi', '3.1'],
        '/w',
      ).args,
    ).toEqual([
      'generate',
      '--api',
      'pve',
      '--input',
      '/io/in/0/a.json',
      '--out-dir',
      '/io/out/0',
      '--openapi',
      '3.1',
    ]);
    const v = planDaggerCommand(
      'validate',
      ['s/pve-api.json', '--apidoc', 's/apidoc.json', '--report', 'r.md'],
      '/w',
    );
    expect(v.args).toEqual([
      'validate',
      '/io/in/0/pve-api.json',
      '--apidoc',
      '/io/in/1/apidoc.json',
      '--report',
      '/io/out/0/r.md',
    ]);
    expect(v.outputs).toEqual([{ host: '/w/r.md', container: '/io/out/0/r.md', kind: 'file' }]);
    const lint = planDaggerCommand('lint', ['--fix'], '/w');
    expect(lint.args).toEqual(['lint', '--fix']);
    expect(lint.exportSources).toBe(true);
  });

  it('refuses commands that cannot run in a container and options without a value', () => {
    expect(() => planDaggerCommand('stats', ['x.json'], '/w')).toThrow(UsageError);
    expect(() => planDaggerCommand('stats', ['x.json'], '/w')).toThrow('stats cannot run in a container');
    expect(() => planDaggerCommand('generate', ['--input'], '/w')).toThrow('--input needs a value');
    expect(() => planDaggerCommand('generate', ['--input', 'a.json'], '/w')).toThrow('--api API is required');
  });
});

const memoryIo = () => memory(root, process.env);

describe('runDaggerCommand against a stand-in engine', () => {
  it('validate: mounts the inputs, passes the exit code and output on, and exports the report', async () => {
    const standIn = await startStandInEngine({
      answer: (leaf) => ({ exitCode: 1, stdout: 'pve-api.json: 2 errors\n', stderr: '' })[leaf],
    });
    Object.assign(process.env, standIn.env);
    const io = memoryIo();
    let code: number;
    try {
      code = await runDaggerCommand('validate', ['specs/pve/pve-api.json', '--report', 'report.json'], io);
    } finally {
      await standIn.close();
    }
    expect(code).toBe(1);
    expect(io.out()).toBe('pve-api.json: 2 errors\n');
    const texts = standIn.queries.map((q) => q.query);
    expect(texts).toContain(`{ host { file (path: "${root}/specs/pve/pve-api.json") { id } } }`);
    const run = `withExec (args: ${JSON.stringify(['node', PIPELINE_BIN, 'validate', '/io/in/0/pve-api.json', '--report', '/io/out/0/report.json'])},expect: ANY)`;
    for (const leaf of ['exitCode', 'stdout', 'stderr']) {
      expect(
        texts.filter((t) => t.includes(run) && new RegExp(`\\{ ${leaf} \\}( \\})+$`).test(t)),
      ).toHaveLength(1);
    }
    expect(
      texts.filter(
        (t) =>
          t.includes(run) &&
          t.includes(`file (path: "/io/out/0/report.json") { export (path: "${root}/report.json")`),
      ),
    ).toHaveLength(1);
  });

  it('lint --fix: exports the fixed sources back to the repository; a failing command exports nothing', async () => {
    const standIn = await startStandInEngine({ answer: (leaf) => (leaf === 'exitCode' ? 3 : undefined) });
    Object.assign(process.env, standIn.env);
    try {
      expect(await runDaggerCommand('lint', ['--fix'], memoryIo())).toBe(3);
      expect(
        await runDaggerCommand(
          'generate',
          ['--api', 'pve', '--input', 'a.json', '--out-dir', 'o'],
          memoryIo(),
        ),
      ).toBe(3);
    } finally {
      await standIn.close();
    }
    const texts = standIn.queries.map((q) => q.query);
    expect(
      texts.filter(
        (t) => t.includes(`export (path: "${root}")`) && t.includes('filter (exclude: ["**/node_modules"'),
      ),
    ).toHaveLength(1);
    expect(texts.filter((t) => t.includes(`export (path: "${root}/o")`))).toEqual([]);
    // lint typechecks every package, so its container builds them all; generate needs the CLI's.
    const build = (argv: string) =>
      `withExec (args: ["pnpm","turbo","run","build",${argv}"--output-logs=errors-only"])`;
    const lintChain = texts.find((t) => t.includes('"lint","--fix"')) as string;
    const generateChain = texts.find((t) => t.includes('"generate","--api","pve"')) as string;
    expect(lintChain).toContain(build(''));
    expect(generateChain).toContain(build('"--filter=@proxmox-openapi/pipeline...",'));
  });
});
