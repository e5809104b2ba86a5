import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { countApiTree, InputError } from '@proxmox-openapi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, readApiTreeFile } from './read-input.js';
import { FIXTURES, fixtureUrl } from './test-support/fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const NODE = '{"path": "/version", "text": "version"}';
const method = (extra: string) =>
  `[{"path": "/version", "text": "version", "info": {"GET": {"method": "GET", ${extra}}}}]`;

async function readText(name: string, content: string | Buffer): Promise<unknown> {
  const file = join(dir, name);
  await writeFile(file, content);
  return readApiTreeFile(file).then(
    () => undefined,
    (error: unknown) => error,
  );
}

// Regressions from the hardening corpus (apps/pipeline/test/hardening): each of these was
// accepted by `generate` (exit 0, a document written) or crashed it with a stack overflow.
const REFUSED: [string, string | Buffer, RegExp][] = [
  ['empty array', '[]', /the apiSchema array is empty/],
  ['empty array after a BOM', '\uFEFF[]', /the apiSchema array is empty/],
  ['an HTML page quoting a declaration', '<html>const apiSchema = [];</html>', /HTML or XML page/],
  ['a JSON string', '"const apiSchema = []"', /after the apiSchema array/],
  ['an extra ] after the array', `[${NODE}]]`, /unexpected "]" after the JSON array/],
  ['the array as the start of .concat()', `const apiSchema = [${NODE}].concat(evil());`, /never evaluated/],
  ['the array plus an expression', `var apiSchema = [${NODE}] + process.exit(7);`, /never evaluated/],
  ['a function call', 'const apiSchema = build();', /not an array literal.*never evaluated/],
  ['invalid UTF-8', Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]), /invalid UTF-8/],
  [
    '100 000 levels of nesting',
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    /nested deeper than 512 levels/,
  ],
  ['an unclosed array', `const apiSchema = [${NODE}`, /never closed/],
  [
    'a relative path',
    '[{"path": "version", "text": "v"}]',
    /not an absolute path with balanced \{templates\}/,
  ],
  ['an unbalanced template', '[{"path": "/nodes/{node", "text": "v"}]', /balanced \{templates\}/],
  ['a duplicate path', `[${NODE}, ${NODE}]`, /the path \/version appears twice/],
  ['a node without text', '[{"path": "/version"}]', /"text" of \/version is missing/],
  [
    'a node whose path is only inherited',
    '[{"__proto__": {"path": "/x"}, "text": "x"}]',
    /a node has no "path"/,
  ],
  [
    'an unknown HTTP method',
    '[{"path": "/v", "text": "v", "info": {"PATCH": {}}}]',
    /unknown HTTP method "PATCH"/,
  ],
  [
    '__proto__ as an HTTP method',
    '[{"path": "/v", "text": "v", "info": {"__proto__": {}}}]',
    /unknown HTTP method "__proto__"/,
  ],
  [
    'a method that is a string',
    '[{"path": "/v", "text": "v", "info": {"GET": "x"}}]',
    /definition of GET \/v is a string/,
  ],
  [
    'parameters that are a string',
    method('"parameters": "node"'),
    /"parameters" of GET \/version is a string/,
  ],
  [
    'properties that are an array',
    method('"parameters": {"properties": []}'),
    /"properties" of GET \/version is an array/,
  ],
  [
    'a parameter that is not a schema',
    method('"parameters": {"properties": {"n": 1}}'),
    /"n" of GET \/version is a number, not a schema object/,
  ],
  ['returns that is a string', method('"returns": "null"'), /"returns" of GET \/version is a string/],
];

describe('readApiTreeFile refuses hostile input with one line naming the file', () => {
  it.each(REFUSED.map(([what, content, message], i) => [what, content, message, i] as const))(
    '%s',
    async (_what, content, message, i) => {
      const error = await readText(`case-${i}.js`, content);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(`case-${i}.js`);
      expect((error as Error).message.split('\n')).toHaveLength(1);
    },
  );

  it('refuses a 200 MB file by its size, without reading it', async () => {
    const file = join(dir, 'huge.js');
    await writeFile(file, 'const apiSchema = [');
    await truncate(file, 200 * 1024 * 1024);
    await expect(readApiTreeFile(file)).rejects.toThrow(
      /huge\.js is 209715200 bytes, larger than the 64 MiB limit/,
    );
  });

  it('refuses a gzip bomb while inflating it', async () => {
    const file = join(dir, 'bomb.json.gz');
    await writeFile(file, gzipSync(Buffer.alloc(MAX_INPUT_BYTES + 1, 0x20)));
    await expect(readApiTreeFile(file)).rejects.toThrow(
      /bomb\.json\.gz decompresses to more than 67108864 bytes/,
    );
  });

  it('still reads the real schemas, bare, gzipped and framed, and keeps __proto__ keys as data', async () => {
    for (const { file } of FIXTURES) {
      const tree = await readApiTreeFile(fixtureUrl(file).pathname);
      expect(countApiTree(tree).operations).toBeGreaterThan(300);
    }
    const framed = join(dir, 'framed.js');
    await writeFile(
      framed,
      `\uFEFFvar apiSchema = [{"path": "/v", "text": "v", "__proto__": {"x": 1}}];\nrest();\n`,
    );
    const [node] = await readApiTreeFile(framed);
    expect(Object.hasOwn(node as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
