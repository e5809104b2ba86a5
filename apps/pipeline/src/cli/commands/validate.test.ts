import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dump } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AnyDocument,
  fixtureDocument,
  fixtureTree,
  fixtureYaml,
  NEWEST_PBS,
} from '../../test-support/documents.js';
import { memoryIo as memory } from '../../test-support/memory-io.js';
import { main } from '../main.js';

const memoryIo = (env: NodeJS.ProcessEnv = {}) => memory(process.cwd(), env);
const runValidate = (args: string[], io: ReturnType<typeof memoryIo>): Promise<number> =>
  main(['validate', ...args], io);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'validate-command-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Lays out a specs/<api>/ folder as the pipeline publishes it. */
async function specsFolder(mutate?: (doc: AnyDocument) => void): Promise<string> {
  const document = fixtureDocument(NEWEST_PBS);
  const yaml = fixtureYaml(NEWEST_PBS);
  mutate?.(document);
  await writeFile(join(dir, 'pbs-api.json'), `${JSON.stringify(document, null, 2)}\n`);
  await writeFile(join(dir, 'pbs-api.yaml'), yaml);
  await writeFile(join(dir, 'apidoc.json'), JSON.stringify(fixtureTree(NEWEST_PBS)));
  return join(dir, 'pbs-api.json');
}

describe('proxmox-openapi validate', () => {
  it('passes a published folder: JSON, its YAML twin and the snapshot beside it', async () => {
    const spec = await specsFolder();
    const io = memoryIo();
    expect(await runValidate([spec], io)).toBe(0);
    expect(io.out()).toContain(
      `${spec} (YAML ${join(dir, 'pbs-api.yaml')}, apidoc ${join(dir, 'apidoc.json')})`,
    );
    expect(io.out()).toMatch(
      /valid: 367 operations, 0 errors, 0 warnings \(openapi passed, coverage passed, yaml passed\)/,
    );
    expect(io.err()).toBe('');
  });

  it('exits 1 with the first problems on stdout and one line on stderr', async () => {
    const spec = await specsFolder((doc) => {
      delete doc.paths['/version'];
    });
    const io = memoryIo();
    expect(await runValidate([spec], io)).toBe(1);
    expect(io.out()).toContain('error   coverage-operation-missing: GET /version of the apidoc is missing');
    expect(io.out()).toContain(
      'error   yaml-same-document: the YAML differs from the JSON document at /paths/~1version',
    );
    expect(io.err()).toBe(`proxmox-openapi validate: ${spec}: 2 errors\n`);
  });

  it('writes the report as JSON or Markdown, and appends to the GitHub job summary', async () => {
    const spec = await specsFolder();
    const summary = join(dir, 'summary.md');
    await writeFile(summary, '# earlier step\n');
    const io = memoryIo({ GITHUB_STEP_SUMMARY: summary });
    expect(await runValidate([spec, '--report', join(dir, 'report.json')], io)).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ valid: true, errors: [], operations: 367 });
    expect(await readFile(summary, 'utf8')).toMatch(
      /^# earlier step\n### OpenAPI validation of .*pbs-api\.json: ✅ valid/,
    );
    await runValidate([spec, '--report', join(dir, 'report.md')], memoryIo());
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain(
      '| coverage of the apidoc | ✅ passed |',
    );
  });

  it('reads a YAML SPEC alone and a gzipped --apidoc', async () => {
    const yamlOnly = join(dir, 'only.yaml');
    await writeFile(yamlOnly, dump(fixtureDocument(NEWEST_PBS)));
    const apidoc = join(dir, 'tree.json.gz');
    await writeFile(apidoc, gzipSync(JSON.stringify(fixtureTree(NEWEST_PBS))));
    const io = memoryIo();
    expect(await runValidate([yamlOnly, '--apidoc', apidoc], io)).toBe(0);
    expect(io.out()).toContain('coverage passed, yaml skipped');
  });

  it('reads --apidoc given as an apidoc.js, as the API viewer publishes it', async () => {
    const spec = await specsFolder();
    const apidocJs = join(dir, 'viewer-apidoc.js');
    await writeFile(
      apidocJs,
      `var apiSchema = ${JSON.stringify(fixtureTree(NEWEST_PBS))};\nExt.onReady(function () { var s = "]["; });\n`,
    );
    const io = memoryIo();
    expect(await runValidate([spec, '--apidoc', apidocJs], io)).toBe(0);
    expect(io.out()).toContain('coverage passed');
  });

  it('says what is wrong with the arguments (exit 2) or the input (exit 3)', async () => {
    const spec = await specsFolder();
    const cases: [string[], number, string][] = [
      [[], 2, 'expected one SPEC, got 0'],
      [[join(dir, 'a.txt')], 2, 'must be an OpenAPI document ending in .json, .yaml or .yml'],
      [[spec, '--apidoc', join(dir, 'apidoc.js')], 3, 'apidoc.js'],
      [[join(dir, 'missing.json')], 3, 'cannot read the document'],
      [[spec, '--apidoc', join(dir, 'pbs-api.yaml')], 3, 'no apiSchema array found'],
    ];
    for (const [args, code, message] of cases) {
      const io = memoryIo();
      expect(await runValidate(args, io)).toBe(code);
      expect(io.err()).toContain(message);
      expect(io.err().trim().split('\n')).toHaveLength(1);
    }
  });
});
