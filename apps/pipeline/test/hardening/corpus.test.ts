import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStageCache } from '../../src/test-support/workspace.js';
import { type CliResult, errorLines, hasStackTrace, runBin, runCli } from './support/cli.js';
import { makePublishedPveRoot } from './support/published-root.js';
import { cell, record } from './support/record.js';
import { copyRoot } from './support/roots.js';
import { checkAgainstManifest, hashTree } from './support/tree-state.js';

interface Expectation {
  exit: number;
  /** A case-insensitive regular expression for the one error line; empty for accepted controls. */
  error: string;
  why: string;
}

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const { cases } = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')) as {
  cases: Record<string, Expectation>;
};
const FILES = readdirSync(CORPUS).filter((name) => name !== 'cases.json');
const MIB = 1024 * 1024;

/**
 * Each case runs in its own copy of a prepared root: `specs/` published from a real slice, and
 * `gen/` holding a previous `generate` output. A failing input must leave both byte-identical.
 */
let base: string;
const roots: string[] = [];

beforeAll(async () => {
  base = await makePublishedPveRoot('corpus-base');
  const generated = await runCli(
    ['generate', '--api', 'pve', '--input', 'pve.json', '--out-dir', 'gen'],
    base,
  );
  expect(generated.exitCode, generated.stderr).toBe(0);
});

afterAll(async () => {
  await Promise.all([base, ...roots].map((root) => rm(root, { recursive: true, force: true })));
});

async function freshRoot(): Promise<string> {
  const root = await copyRoot(base, 'corpus-case');
  roots.push(root);
  return root;
}

interface Produced {
  generate: CliResult;
  pipeline: CliResult;
  specsUnchanged: boolean;
  genUnchanged: boolean;
  leftovers: string[];
  root: string;
}

/** Runs one input through `generate --input` and `pipeline --source`, in a fresh root. */
async function throughBothCommands(input: string): Promise<Produced> {
  const root = await freshRoot();
  const specsBefore = await hashTree(join(root, 'specs'));
  const genBefore = await hashTree(join(root, 'gen'));
  const generate = await runCli(['generate', '--api', 'pve', '--input', input, '--out-dir', 'gen'], root);
  const pipeline = await runCli(
    [
      'pipeline',
      '--api',
      'pve',
      '--source',
      `pve=${input}`,
      '--cache-dir',
      sharedStageCache(),
      '--lock-timeout',
      '0',
    ],
    root,
  );
  return {
    generate,
    pipeline,
    specsUnchanged: JSON.stringify(await hashTree(join(root, 'specs'))) === JSON.stringify(specsBefore),
    genUnchanged: JSON.stringify(await hashTree(join(root, 'gen'))) === JSON.stringify(genBefore),
    leftovers: (await readdir(root)).filter((name) => name.startsWith('.specs-staging-')),
    root,
  };
}

/** `exit N: message` with the command prefix and the folders taken out, for the table. */
function summary(result: CliResult): string {
  const line = (errorLines(result)[0] ?? '')
    .replace(/^proxmox-openapi \S+( \[[^\]]+\])?: /, '')
    .replaceAll(CORPUS, '')
    .replace(/\/tmp\/hardening-[\w-]+\//g, '');
  return `exit ${result.exitCode}${line ? `: ${line}` : ''}`;
}

/** The contract for a refused input: one line, the exit code, the message, no stack, nothing written. */
function expectRefused(produced: Produced, expected: Expectation): void {
  for (const command of ['generate', 'pipeline'] as const) {
    const result = produced[command];
    const what = `${command}: ${result.stderr}`;
    expect(result.exitCode, what).toBe(expected.exit);
    expect(result.stderr.trimEnd().split('\n'), what).toHaveLength(1);
    expect(errorLines(result), what).toHaveLength(1);
    expect(errorLines(result)[0], what).toMatch(new RegExp(expected.error, 'i'));
    expect(hasStackTrace(result.stderr) || hasStackTrace(result.stdout), what).toBe(false);
  }
  expect(produced.specsUnchanged, 'specs/ changed').toBe(true);
  expect(produced.genUnchanged, 'the generate output folder changed').toBe(true);
  expect(produced.leftovers).toEqual([]);
}

/** Every `$ref` of a generated document points into its own components (nothing else is followed). */
function refsOf(value: unknown, found: string[] = []): string[] {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (Array.isArray(next)) stack.push(...next);
    else if (next && typeof next === 'object') {
      for (const [key, child] of Object.entries(next)) {
        if (key === '$ref' && typeof child === 'string') found.push(child);
        else stack.push(child);
      }
    }
  }
  return found;
}

async function expectAccepted(produced: Produced): Promise<void> {
  for (const command of ['generate', 'pipeline'] as const) {
    const result = produced[command];
    expect(result.exitCode, `${command}: ${result.stderr}`).toBe(0);
    expect(hasStackTrace(result.stderr), result.stderr).toBe(false);
  }
  expect(await checkAgainstManifest(join(produced.root, 'specs'))).toBeUndefined();
  for (const file of [
    join(produced.root, 'gen', 'pve-api.json'),
    join(produced.root, 'specs', 'pve', 'pve-api.json'),
  ]) {
    const document = JSON.parse(await readFile(file, 'utf8')) as unknown;
    for (const ref of refsOf(document)) expect(ref).toMatch(/^#\/components\//);
  }
  // Nothing reached a prototype, in this process (generate runs here) or as data.
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('the hostile-input corpus through generate and pipeline --source', () => {
  it('has at least 40 files, each with an expected outcome', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
    expect(FILES.filter((file) => !cases[file])).toEqual([]);
    expect(Object.keys(cases).filter((file) => !FILES.includes(file))).toEqual([]);
  });

  it.concurrent.for(FILES.map((file) => [file, cases[file] as Expectation] as const))(
    '%s',
    async ([file, expected], context) => {
      const produced = await throughBothCommands(join(CORPUS, file));
      for (const command of ['generate', 'pipeline'] as const) {
        record(context, {
          category: 'corpus',
          case: `${file} (${command})`,
          expected:
            expected.exit === 0 ? `exit 0: ${expected.why}` : `exit ${expected.exit} /${expected.error}/`,
          produced: cell(summary(produced[command]), 160),
        });
      }
      if (expected.exit === 0) await expectAccepted(produced);
      else expectRefused(produced, expected);
    },
  );
});

describe('generated hostile inputs', () => {
  it('refuses a 200 MB file by its size, before reading it', async (context) => {
    const root = await freshRoot();
    const big = join(root, 'huge-apidoc.js');
    // A sparse file: 200 MB long, a few bytes on disk; only its size can refuse it cheaply.
    await writeFile(big, 'const apiSchema = [{"path": "/version", "text": "');
    await truncate(big, 200 * MIB);
    const produced = await throughBothCommands(big);
    for (const command of ['generate', 'pipeline'] as const) {
      record(context, {
        category: 'corpus',
        case: `200 MB file (${command})`,
        expected: 'exit 3 /larger than/',
        produced: cell(summary(produced[command]), 160),
      });
    }
    expectRefused(produced, { exit: 3, error: 'larger than', why: '' });
  });

  it('refuses a gzip bomb by its decompressed size', async (context) => {
    const root = await freshRoot();
    const bomb = join(root, 'bomb.json.gz');
    // 100 MB of spaces then an array: about 100 KB compressed.
    await writeFile(bomb, gzipSync(Buffer.concat([Buffer.alloc(100 * MIB, 0x20), Buffer.from('[]')])));
    const produced = await throughBothCommands(bomb);
    for (const command of ['generate', 'pipeline'] as const) {
      record(context, {
        category: 'corpus',
        case: `gzip bomb, 100 MB inflated (${command})`,
        expected: 'exit 3 /larger than/',
        produced: cell(summary(produced[command]), 160),
      });
    }
    expectRefused(produced, { exit: 3, error: 'larger than', why: '' });
  });

  it('keeps the contract across a process boundary: the real bin, one line, no stack', async (context) => {
    const root = await freshRoot();
    await mkdir(join(root, 'out'), { recursive: true });
    for (const file of ['deep-nesting-100k-schema.json.gz', 'expression-iife.js', 'empty.js']) {
      const result = await runBin(
        ['generate', '--api', 'pve', '--input', join(CORPUS, file), '--out-dir', 'out'],
        root,
      );
      record(context, {
        category: 'corpus',
        case: `${file} (bin generate, child process)`,
        expected: `exit 3 /${cases[file]?.error}/`,
        produced: cell(summary(result)),
      });
      expect(result.exitCode, result.stderr).toBe(3);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(new RegExp(cases[file]?.error ?? '^$', 'i'));
      const verbose = await runBin(
        ['generate', '--api', 'pve', '--input', join(CORPUS, file), '--out-dir', 'out', '--verbose'],
        root,
      );
      // --verbose is what adds the stack: proof that the plain run hid one.
      expect(hasStackTrace(verbose.stderr), verbose.stderr).toBe(true);
    }
    expect(await readdir(join(root, 'out'))).toEqual([]);
  });
});
