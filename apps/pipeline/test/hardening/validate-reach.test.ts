import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnd, runBoundedBin } from './support/bounded-bin.js';
import { hasStackTrace, runCli } from './support/cli.js';
import { cell, record } from './support/record.js';
import { makeRoot, SLICES } from './support/roots.js';

/*
 * `validate` reads nothing but its inputs (issue 16, class 9). Redocly's resolver followed any
 * `$ref`: it read local files (/etc/passwd), blocked on a named pipe, read /dev/zero until the
 * memory ran out and sent requests over plain http. A reference may only point inside the
 * document: every other one is a `no-external-refs` finding (exit 1) and is never opened.
 * Deep nesting took quadratic time (25 s at 16,000 levels): it is one `document-depth` finding.
 */

let root: string;
let server: Server;
let requests = 0;
let url: string;
// biome-ignore lint/suspicious/noExplicitAny: the test edits a document it generated itself.
let document: Record<string, any>;
let schemaPaths: string[];

beforeAll(async () => {
  root = await makeRoot('validate-reach');
  await writeFile(join(root, 'pbs.json'), SLICES.pbsOld());
  const generated = await runCli(
    ['generate', '--api', 'pbs', '--input', 'pbs.json', '--out-dir', 'gen'],
    root,
  );
  expect(generated.exitCode, generated.stderr).toBe(0);
  document = JSON.parse(await readFile(join(root, 'gen', 'pbs-api.json'), 'utf8'));
  schemaPaths = Object.keys(document.paths).filter(
    (p) => document.paths[p].get?.responses?.['200']?.content?.['application/json'],
  );
  execFileSync('mkfifo', [join(root, 'pipe.json')]);
  await writeFile(join(root, 'beside.json'), JSON.stringify({ type: 'string' }));
  server = createServer((_, response) => {
    requests++;
    response.setHeader('content-type', 'application/json');
    response.end('{"type":"string"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/schema.json`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

/** Writes the document with the first GET response's schema replaced, as `name.json`. */
async function withSchema(name: string, schema: unknown): Promise<string> {
  const copy = structuredClone(document);
  copy.paths[schemaPaths[0] as string].get.responses['200'].content['application/json'].schema = schema;
  await writeFile(join(root, `${name}.json`), JSON.stringify(copy));
  return `${name}.json`;
}

const EXTERNAL: { label: string; ref: () => string }[] = [
  { label: 'a local file (/etc/passwd)', ref: () => '/etc/passwd' },
  { label: 'a file beside the document', ref: () => 'beside.json' },
  { label: 'a named pipe', ref: () => 'pipe.json' },
  { label: '/dev/zero', ref: () => '/dev/zero#/a' },
  { label: 'a plain-http URL (loopback server)', ref: () => url },
];

describe('validate: a $ref outside the document is a finding, never read', () => {
  for (const { label, ref } of EXTERNAL) {
    it(`$ref to ${label}`, async (context) => {
      const before = requests;
      const spec = await withSchema(`ref-${label.replace(/\W+/g, '-')}`, { $ref: ref() });
      const result = await runBoundedBin(['validate', spec], root);
      const finding = result.stdout.split('\n').find((line) => line.includes('no-external-refs')) ?? '';
      record(context, {
        category: 'validate',
        case: `$ref to ${label}`,
        expected: 'exit 1, no-external-refs finding, nothing read',
        produced: cell(describeEnd(result, finding || result.stdout.split('\n')[2] || result.stderr)),
      });
      expect(result.stopped).toBeUndefined();
      expect(result.exitCode, result.stderr).toBe(1);
      expect(finding).toContain(`the reference ${JSON.stringify(ref())} points outside the document`);
      expect(result.stdout).not.toMatch(/root:|Can't resolve|\(in \//);
      expect(requests - before).toBe(0);
      expect(hasStackTrace(result.stderr)).toBe(false);
    });
  }

  it('an example externalValue to a named pipe is not opened', async (context) => {
    const copy = structuredClone(document);
    copy.paths[schemaPaths[0] as string].get.responses['200'].content['application/json'].examples = {
      pipe: { externalValue: 'pipe.json' },
    };
    await writeFile(join(root, 'example-pipe.json'), JSON.stringify(copy));
    const result = await runBoundedBin(['validate', 'example-pipe.json'], root);
    record(context, {
      category: 'validate',
      case: 'example externalValue to a named pipe',
      expected: 'ends by itself; the pipe is not opened',
      produced: cell(describeEnd(result, result.stdout.split('\n')[1] ?? '')),
    });
    expect(result.stopped).toBeUndefined();
    expect([0, 1]).toContain(result.exitCode);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });
});

describe('validate: deep nesting is one finding, in linear time', () => {
  for (const levels of [16_000, 50_000]) {
    it(`a schema nested ${levels.toLocaleString('en')} levels deep`, async (context) => {
      const deep = `${'{"type":"object","properties":{"a":'.repeat(levels)}{"type":"string"}${'}}'.repeat(levels)}`;
      const spec = `deep-${levels}.json`;
      const text = (await readFile(join(root, await withSchema(`deep-${levels}`, 'DEEP')), 'utf8')).replace(
        '"DEEP"',
        deep,
      );
      await writeFile(join(root, spec), text);
      const result = await runBoundedBin(['validate', spec], root);
      const finding = result.stdout.split('\n').find((line) => line.includes('document-depth')) ?? '';
      record(context, {
        category: 'validate',
        case: `schema nested ${levels.toLocaleString('en')} levels deep`,
        expected: 'exit 1, one document-depth finding',
        produced: cell(describeEnd(result, finding || result.stdout.split('\n')[2] || result.stderr)),
      });
      expect(result.stopped).toBeUndefined();
      expect(result.exitCode, result.stderr).toBe(1);
      expect(finding).toMatch(/the document nests more than 256 levels deep/);
      expect(result.stdout.match(/^ {2}error /gm)).toHaveLength(1);
      expect(hasStackTrace(result.stderr)).toBe(false);
    });
  }
});
