import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_DEPTH } from './document-depth.js';
import { deepDocumentText } from './test-support/deep-document.js';
import { fixtureDocument, NEWEST_PBS } from './test-support/documents.js';
import { validateSpec } from './validate-spec.js';

/*
 * validate never reads what a document points at outside itself (issue 16, class 9): Redocly's
 * own resolver would read a file, block on a named pipe or send a request for any `$ref`.
 */

let dir: string;
let server: Server;
let requests = 0;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'validate-refs-'));
  execFileSync('mkfifo', [join(dir, 'pipe.json')]);
  await writeFile(join(dir, 'other.json'), JSON.stringify({ type: 'string' }));
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
  await rm(dir, { recursive: true, force: true });
});

const SCHEMA_AT = (path: string) =>
  `/paths/${path.replaceAll('/', '~1')}/get/responses/200/content/application~1json/schema`;

describe('validateSpec follows references only inside the document', () => {
  it('names every external $ref (a file, a named pipe, a device, an http URL) and reads none', async () => {
    const document = fixtureDocument(NEWEST_PBS);
    const refs = ['/etc/passwd', join(dir, 'pipe.json'), '/dev/zero#/a', url, join(dir, 'other.json')];
    const paths = Object.keys(document.paths)
      .filter((p) => document.paths[p].get?.responses?.['200']?.content?.['application/json'])
      .slice(0, refs.length);
    paths.forEach((path, i) => {
      document.paths[path].get.responses['200'].content['application/json'].schema = { $ref: refs[i] };
    });
    const report = await validateSpec(document);
    const external = report.errors.filter((f) => f.rule === 'no-external-refs');
    expect(external.map((f) => f.pointer).sort()).toEqual(paths.map(SCHEMA_AT).sort());
    for (const [i, path] of paths.entries()) {
      const finding = external.find((f) => f.pointer === SCHEMA_AT(path));
      expect(finding?.message).toBe(
        `the reference ${JSON.stringify(refs[i])} points outside the document; only references inside it (#/…) are followed, so it was not read`,
      );
    }
    // Nothing behind them was read: no request reached the server, and nothing from the files
    // (whose content is a valid schema) turned the references into resolved ones.
    expect(requests).toBe(0);
    expect(report.errors.filter((f) => f.rule === 'no-unresolved-refs')).toEqual([]);
    expect(report.checks.openapi).toBe(false);
  });

  it('still resolves references inside the document', async () => {
    const report = await validateSpec(fixtureDocument(NEWEST_PBS));
    expect(report.errors).toEqual([]);
  });
});

describe('validateSpec on deep nesting', () => {
  it(`reports a document nested past ${MAX_DOCUMENT_DEPTH} levels as one finding, 50,000 levels too`, async () => {
    for (const levels of [MAX_DOCUMENT_DEPTH, 50_000]) {
      const report = await validateSpec(JSON.parse(deepDocumentText(levels)));
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]?.rule).toBe('document-depth');
      // The pointer leads to the first value past the limit, inside the deep schema.
      expect(report.errors[0]?.pointer).toMatch(
        /^\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema(\/properties\/a)+/,
      );
      expect((report.errors[0]?.pointer ?? '').split('/').length - 1).toBe(MAX_DOCUMENT_DEPTH + 1);
      expect(report.checks).toEqual({ openapi: false, coverage: 'skipped', yaml: 'skipped' });
      expect(report.operations).toBe(1);
    }
  });

  it('checks a document within the limit with every rule, down to its deepest pattern', async () => {
    // 100 schema levels are 200 JSON levels below the schema: within the limit.
    const document = JSON.parse(
      deepDocumentText(100).replace('{"type":"string"}', '{"type":"string","pattern":"(?^:x)"}'),
    );
    const report = await validateSpec(document);
    const pattern = report.errors.find((f) => f.rule === 'pattern-ecma262');
    expect(pattern?.pointer).toBe(`${SCHEMA_AT('/a')}${'/properties/a'.repeat(100)}/pattern`);
    expect(report.errors.some((f) => f.rule === 'document-depth')).toBe(false);
  });
});
