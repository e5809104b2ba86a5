// Writes the hostile-input corpus (../corpus/*) from a seed and a small slice of a real
// fixture. Run once by hand when the corpus changes: `node test/hardening/tools/make-corpus.mjs`;
// the files are committed, and ../corpus/cases.json says which error each one must produce.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const out = fileURLToPath(new URL('../corpus/', import.meta.url));
mkdirSync(out, { recursive: true });
const write = (name, content) => writeFileSync(`${out}${name}`, content);

// A real slice: the /version and /pools subtrees of the 2026 PVE schema, in the PVE framing.
const fixture = fileURLToPath(
  new URL('../../../../../packages/test-fixtures/apidoc/pve-apidoc-2026-08-16.json.gz', import.meta.url),
);
const tree = JSON.parse(gunzipSync(readFileSync(fixture)).toString('utf8'));
const slice = tree.filter((node) => node.path === '/version' || node.path === '/pools');
const sliceJson = JSON.stringify(slice, null, 2);
const apidocJs = `const apiSchema = ${sliceJson}\n\nExt.onReady(function () { var re = /\\]["'\`]/; });\n`;

// A seeded generator (mulberry32), so that the truncation points are the same on every run.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(20261125);
const arrayStart = apidocJs.indexOf('[');
const arrayEnd = apidocJs.lastIndexOf(']', apidocJs.indexOf('Ext.onReady')) + 1;
const cuts = new Set();
while (cuts.size < 10) cuts.add(arrayStart + 1 + Math.floor(next() * (arrayEnd - arrayStart - 1)));
for (const [i, cut] of [...cuts].sort((a, b) => a - b).entries()) {
  write(`truncated-${String(i + 1).padStart(2, '0')}.js`, apidocJs.slice(0, cut));
}

const node = (extra = {}) => ({ path: '/version', text: 'version', leaf: 1, ...extra });
const method = (extra = {}) => ({
  method: 'GET',
  name: 'version',
  description: 'API version details.',
  parameters: { type: 'object', additionalProperties: 0, properties: {} },
  returns: { type: 'object' },
  permissions: { user: 'all' },
  ...extra,
});
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

write('empty.js', '');
write('whitespace-only.js', '  \n\t\n  \n');
write(
  'html-error-page.html',
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>const apiSchema = [];</p></body></html>\n',
);
write(
  'html-error-page.js',
  '\n\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n',
);
write('xml-document.js', '<?xml version="1.0"?>\n<error><code>403</code></error>\n');
write('json-object-wrapping-the-array.json', json({ apiSchema: slice }));
write('json-object-error.json', json({ errors: { path: 'not found' }, data: null }));
write('json-string.json', '"const apiSchema = []"\n');
write('json-array-of-numbers.json', '[1, 2, 3]\n');
write('json-empty-array.json', '[]\n');
write('unbalanced-extra-close-outside.json', `${sliceJson}]\n`);
write('unbalanced-missing-close-outside.js', `const apiSchema = [${sliceJson};\n`);
write('unbalanced-mismatched-closer.json', '[{"path": "/version", "text": "version"]}\n');
write(
  'unbalanced-string-never-closed.js',
  'const apiSchema = [{"path": "/version", "text": "version]}];\nvar x = 1;\n',
);
write(
  'unbalanced-brackets-inside-strings-then-truncated.js',
  'var apiSchema = [{"path": "/version", "text": "[[[{{{ \\" ]]]", "children": [{"path": "/version/x", "text": "}}}"\n',
);
write('expression-function-call.js', 'const apiSchema = buildSchema(window.location);\n');
// The placeholder is the point: a template literal that a naive reader might evaluate.
write(
  'expression-template-literal.js',
  ['const apiSchema = `[$', '{JSON.stringify(globalThis)}]`;\n'].join(''),
);
write(
  'expression-concatenation.js',
  'const apiSchema = [{"path": "/version", "text": "version"}].concat(require("child_process").execSync("id"));\n',
);
write('expression-plus.js', 'var apiSchema = [{"path": "/version", "text": "version"}] + process.exit(7);\n');
write('expression-inside-array.js', 'const apiSchema = [{"path": "/version", "text": process.exit(7)}];\n');
write('expression-iife.js', 'var apiSchema = (function () { process.exit(7); return []; })();\n');
write(
  'javascript-comments-inside-array.js',
  'const apiSchema = [/* evil */ {"path": "/version", "text": "version"}];\n',
);
write('json5-single-quotes.json', "[{'path': '/version', 'text': 'version'}]\n");
write('json5-trailing-comma.json', '[{"path": "/version", "text": "version"},]\n');
write('json-nan.json', '[{"path": "/version", "text": "version", "leaf": NaN}]\n');
write('control-character-in-string.json', '[{"path": "/version", "text": "ver\u0001sion"}]\n');
write(
  'invalid-utf8-byte.json',
  Buffer.concat([
    Buffer.from('[{"path": "/version", "text": "ver'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('sion"}]\n'),
  ]),
);
write(
  'invalid-utf8-overlong.json',
  Buffer.concat([
    Buffer.from('[{"path": "/version", "text": "'),
    Buffer.from([0xc0, 0xaf]),
    Buffer.from('"}]\n'),
  ]),
);
write(
  'invalid-utf8-surrogate.json',
  Buffer.concat([
    Buffer.from('[{"path": "/version", "text": "'),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from('"}]\n'),
  ]),
);
write(
  'bom-utf16le.json',
  Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from('[{"path":"/version","text":"version"}]\n', 'utf16le'),
  ]),
);
write('bom-utf8-then-html.html', `\ufeff<html><body>Service Unavailable</body></html>\n`);
write('bom-utf8-then-empty-array.json', '\ufeff[]\n');
write('bom-utf8-valid-apidoc.js', `\ufeff${apidocJs}`);
write('random-bytes.bin', Buffer.from(Array.from({ length: 4096 }, () => Math.floor(next() * 256))));
write(
  'gzip-corrupt.json.gz',
  Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('this is not deflate data at all')]),
);
write('gzip-truncated.json.gz', gzipSync(Buffer.from(sliceJson)).subarray(0, 200));
write('node-not-an-object.json', json([node(), 'a string node']));
write('node-without-path.json', json([{ text: 'version', leaf: 1, info: { GET: method() } }]));
write('node-path-not-a-string.json', json([node({ path: 42 })]));
write('node-path-relative.json', json([node({ path: 'version' })]));
write('node-without-text.json', json([{ path: '/version', leaf: 1 }]));
write('node-children-not-an-array.json', json([node({ children: { path: '/version/x', text: 'x' } })]));
write('info-not-an-object.json', json([node({ info: ['GET'] })]));
write('info-unknown-http-method.json', json([node({ info: { PATCH: method({ method: 'PATCH' }) } })]));
write('info-lowercase-http-method.json', json([node({ info: { get: method() } })]));
write('info-method-not-an-object.json', json([node({ info: { GET: 'version' } })]));
write('parameters-not-an-object.json', json([node({ info: { GET: method({ parameters: 'node, vmid' }) } })]));
write(
  'parameter-schema-not-an-object.json',
  json([node({ info: { GET: method({ parameters: { type: 'object', properties: { node: 'string' } } }) } })]),
);
write(
  'properties-is-an-array.json',
  json([
    node({ info: { GET: method({ parameters: { type: 'object', properties: [{ type: 'string' }] } }) } }),
  ]),
);
write('returns-not-an-object.json', json([node({ info: { GET: method({ returns: 'null' }) } })]));
write(
  'recursive-ref-like-structures.json',
  json([
    node({
      info: {
        GET: method({
          parameters: {
            type: 'object',
            properties: { node: { $ref: '#/0/info/GET/parameters/properties/node' } },
          },
          returns: { $ref: '#/0/info/GET/returns', type: 'object', properties: { self: { $ref: '#' } } },
        }),
      },
    }),
  ]),
);
write('duplicate-paths.json', json([node({ info: { GET: method() } }), node({ text: 'again' })]));
write(
  'duplicate-paths-nested.json',
  json([
    {
      path: '/pools',
      text: 'pools',
      children: [
        { path: '/pools/{id}', text: '{id}' },
        { path: '/pools/{id}', text: '{id}' },
      ],
    },
  ]),
);
write('path-template-unclosed.json', json([node({ path: '/nodes/{node', info: { GET: method() } })]));
write('path-template-unopened.json', json([node({ path: '/nodes/node}', info: { GET: method() } })]));
write('path-template-nested.json', json([node({ path: '/nodes/{{node}}', info: { GET: method() } })]));
write('path-template-empty.json', json([node({ path: '/nodes/{}', info: { GET: method() } })]));
// 100 000 levels: gzipped (a few KB instead of megabytes); the readers recognise gzip by its
// magic bytes, whatever the file is called.
write('deep-nesting-100k-arrays.json.gz', gzipSync(`${'['.repeat(100_000)}${']'.repeat(100_000)}\n`));
write(
  'deep-nesting-100k-children.js.gz',
  gzipSync(
    `var apiSchema = [${'{"path":"/a","text":"a","children":['.repeat(100_000)}${']}'.repeat(100_000)}];\n`,
  ),
);
write(
  'deep-nesting-100k-schema.json.gz',
  gzipSync(
    `[{"path":"/version","text":"version","info":{"GET":{"method":"GET","parameters":{"type":"object","properties":{"p":${'{"type":"object","properties":{"p":'.repeat(100_000)}{"type":"string"}${'}}'.repeat(100_000)}}}}}}]\n`,
  ),
);

// `__proto__`, `constructor` and `prototype` as keys at every level of the tree. JSON.parse keeps
// `__proto__` as an own key (text, not an assignment); a reader that copies with `obj[k] = v`
// would change a prototype instead.
const protoKeys = (value) => {
  const copy = { ...value };
  Object.defineProperty(copy, '__proto__', {
    value: { polluted: 'yes', path: '/polluted' },
    enumerable: true,
  });
  copy.constructor = { prototype: { polluted: 'yes' } };
  copy.prototype = { polluted: 'yes' };
  return copy;
};
const protoMethod = protoKeys(
  method({
    parameters: protoKeys({ type: 'object', properties: protoKeys({ node: protoKeys({ type: 'string' }) }) }),
    returns: protoKeys({ type: 'object', properties: protoKeys({}) }),
  }),
);
write('proto-keys-every-level.json', json([protoKeys(node({ info: protoKeys({ GET: protoMethod }) }))]));
write(
  'proto-key-as-http-method.json',
  `[{"path":"/version","text":"version","info":{"__proto__":${JSON.stringify(method())}}}]\n`,
);
write('constructor-key-as-http-method.json', json([node({ info: { constructor: method() } })]));
write('proto-key-instead-of-path.json', '[{"__proto__":{"path":"/polluted"},"text":"version"}]\n');
// The data keys alone (no `info` method named after them) are legal data: this one must succeed,
// and nothing may be polluted.
write(
  'proto-keys-as-parameter-names.json',
  json([
    node({
      info: {
        GET: method({
          parameters: protoKeys({
            type: 'object',
            properties: protoKeys({ node: { type: 'string', description: 'The node.' } }),
          }),
        }),
      },
    }),
  ]),
);
console.log(`corpus written to ${out}`);
