import { APIDOC_FIXTURES, loadFixtureText, OTHER_PRODUCT_FIXTURES } from '@proxmox-openapi/test-fixtures';
import { frameApidoc } from '@proxmox-openapi/test-kit';
import { describe, expect, it } from 'vitest';
import { countApiTree } from '../api-tree.js';
import { ParseError } from '../errors.js';
import { parseApidoc } from './parse-apidoc.js';

/** Runs `fn`, expects a ParseError, and returns it. */
function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('expected a ParseError, nothing was thrown');
}

const node = (path: string, extra: Record<string, unknown> = {}) => ({ path, text: path, leaf: 1, ...extra });
const doc = (tree: unknown) => frameApidoc(JSON.stringify(tree, null, 2), 'pbs');

describe('parseApidoc on the real schemas', () => {
  describe.each(APIDOC_FIXTURES.map((f) => [f.file, f] as const))('%s', (_, fixture) => {
    const json = loadFixtureText(fixture.file);
    const expected = JSON.parse(json) as unknown;

    it.each(['pve', 'pbs'] as const)('reads the %s framing with viewer JavaScript after it', (framing) => {
      const text = frameApidoc(json, framing);
      const tree = parseApidoc(text, { source: 'apidoc.js' });
      const counts = countApiTree(tree);
      expect(counts.paths).toBe(fixture.paths);
      expect(counts.operations).toBe(fixture.operations);
      expect(tree).toEqual(expected);
    });

    it('reads the declaration of the viewers before 7.x (var <product>api = [ … ] then ; on its own line)', () => {
      const text = `var ${fixture.api}api = ${json.trimEnd()}\n;\n\nExt.onReady(function() {});\n`;
      expect(parseApidoc(text, { source: 'apidoc.js' })).toEqual(expected);
    });

    it('reads the bare JSON array, as bytes, with a byte order mark', () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json, 'utf8')]);
      expect(parseApidoc(bytes)).toEqual(expected);
    });
  });
});

describe('parseApidoc on the Mail Gateway schema', () => {
  it('reads `var pmgapi = [ … ]`, the declaration of the older pmg-docs viewer', () => {
    const fixture = OTHER_PRODUCT_FIXTURES.find((f) => f.api === 'pmg');
    if (!fixture) throw new Error('no PMG fixture');
    const json = loadFixtureText(fixture.file);
    const tree = parseApidoc(`var pmgapi = ${json.trimEnd()}\n;\n`, { source: 'apidoc.js' });
    expect(tree).toEqual(JSON.parse(json));
    expect(countApiTree(tree).operations).toBe(fixture.operations);
  });
});

describe('parseApidoc framings', () => {
  const tree = [
    node('/a', { info: { GET: { method: 'GET', description: 'has ] and } and " and \\ and [' } } }),
  ];

  it.each([
    ['const, no semicolon', `const apiSchema = ${JSON.stringify(tree)}\nfoo()`],
    ['var with semicolon', `var apiSchema = ${JSON.stringify(tree)};foo()`],
    ['let', `let apiSchema=${JSON.stringify(tree)}`],
    [
      'a leading comment and strict mode',
      `/* header */\n'use strict';\nvar apiSchema =\n${JSON.stringify(tree)} // end`,
    ],
    ['a BOM', `\ufeffconst apiSchema = ${JSON.stringify(tree)}\n`],
    ['CRLF line ends', `var apiSchema = ${JSON.stringify(tree, null, 2).replace(/\n/g, '\r\n')}\r\n`],
  ])('finds the array with %s', (_, text) => {
    expect(parseApidoc(text)).toEqual(tree);
  });

  it('ignores a later "apiSchema = [" inside the trailing JavaScript', () => {
    const text = `var apiSchema = ${JSON.stringify(tree)};\nvar s = "var apiSchema = [ evil";`;
    expect(parseApidoc(text)).toEqual(tree);
  });
});

describe('parseApidoc refuses what is not an apidoc', () => {
  it.each([
    ['an empty text', '', /empty/, 1, 1],
    ['white space only', '  \n\n ', /empty/, 3, 2],
    ['an HTML error page', '<!DOCTYPE html>\n<html><title>502 Bad Gateway</title></html>', /HTML/, 1, 1],
    ['a JSON object', '{"data": []}', /JSON object/, 1, 1],
    ['JavaScript without apiSchema', 'var other = [1, 2];', /no apiSchema array/, 1, 1],
    ['a name that only ends in api', 'var restapi2 = [1]; var myapi_x = [2];', /no apiSchema array/, 1, 1],
    ['an empty array', '[]', /empty/, 1, 1],
  ])('%s', (_, text, message, line, column) => {
    const error = parseError(() => parseApidoc(text, { source: 'in.js' }));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^in\.js: /);
    expect(error.position).toMatchObject({ line, column });
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('says where a truncated file ends its last open array', () => {
    const full = frameApidoc(JSON.stringify([node('/a'), node('/b')], null, 2), 'pve');
    const cut = full.slice(0, full.indexOf('"/b"') + 2);
    const error = parseError(() => parseApidoc(cut, { source: 'cut.js' }));
    expect(error.message).toMatch(/string that is never closed/);
    expect(error.position?.line).toBe(cut.split('\n').length);
  });

  it('names the line and column of a JSON syntax error', () => {
    const text = 'var apiSchema = [\n  {"path": "/a", "text": "a"}\n  {"path": "/b"}\n];';
    const error = parseError(() => parseApidoc(text));
    expect(error.message).toMatch(/expected ',' or '\]'/);
    expect(error.position).toMatchObject({ line: 3, column: 3 });
  });

  it.each([
    ['unbalanced closer', 'var apiSchema = [ {"path": "/a"] ];', /'\]' where '}' closes/, 1, 32],
    ['a bad escape', 'var apiSchema = [ "a\\x" ];', /invalid escape/, 1, 21],
    ['a trailing comma', 'var apiSchema = [ 1, ];', /expected a JSON value but found "\]"/, 1, 22],
  ])('%s', (_, text, message, line, column) => {
    const error = parseError(() => parseApidoc(text));
    expect(error.message).toMatch(message);
    expect(error.position).toMatchObject({ line, column });
  });

  it('refuses invalid UTF-8 with its byte offset and position', () => {
    const bytes = Buffer.concat([
      Buffer.from('[\n  {"path": "/a", "text": "'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}]'),
    ]);
    const error = parseError(() => parseApidoc(bytes, { source: 'bad.json' }));
    expect(error.message).toMatch(/^bad\.json: invalid UTF-8 at byte 28/);
    expect(error.position).toMatchObject({ line: 2, column: 27 });
  });

  it('refuses 100k-deep nesting with a clean error instead of a stack overflow', () => {
    const depth = 100_000;
    const text = `var apiSchema = ${'['.repeat(depth)}${']'.repeat(depth)};`;
    const error = parseError(() => parseApidoc(text));
    expect(error.message).toMatch(/nested deeper than 512 levels/);
  });
});

describe('parseApidoc never runs JavaScript', () => {
  const probe = '__apidocFetchProbe';
  it.each([
    ['a function call', `var apiSchema = [ (function () { globalThis.${probe} = 1; return {}; })() ];`],
    ['an arrow call', `var apiSchema = [ (() => (globalThis.${probe} = 1))() ];`],
    ['a template literal', 'var apiSchema = [ `${globalThis.' + probe + ' = 1}` ];'],
    ['a concatenation', `var apiSchema = [ "a" + (globalThis.${probe} = 1) ];`],
    ['single-quoted strings', `var apiSchema = [ { 'path': '/a', 'text': '' } ];`],
    ['an identifier', `var apiSchema = [ globalThis.${probe} = 1 ];`],
    ['a call on the array', `var apiSchema = [].concat((globalThis.${probe} = 1, []));`],
    [
      'a method after the array',
      `var apiSchema = [{"path":"/a","text":""}].map(() => (globalThis.${probe} = 1));`,
    ],
    ['a call instead of an array', `var apiSchema = JSON.parse(globalThis.${probe} = "[]");`],
  ])('refuses %s and runs none of it', (_, text) => {
    const error = parseError(() => parseApidoc(text, { source: 'evil.js' }));
    expect(error.message).toMatch(/JavaScript|never evaluated|not valid JSON/);
    expect(probe in globalThis).toBe(false);
  });

  it('does not run the trailing viewer JavaScript either', () => {
    parseApidoc(frameApidoc(JSON.stringify([node('/a')]), 'pve'));
    expect('__apidocViewerRan' in globalThis).toBe(false);
  });
});

describe('parseApidoc checks the shape of the tree', () => {
  const get = (extra: Record<string, unknown>) => ({ GET: { method: 'GET', ...extra } });
  it.each([
    ['a node that is not an object', [node('/a'), 5], /a node is a number, not an object at apiSchema\[1\]/],
    ['a node without path', [node('/a'), { text: 'x', leaf: 1 }], /a node has no "path" at apiSchema\[1\]/],
    [
      'a path that is not a string',
      [node('/a', { children: [{ path: 3, text: '' }] })],
      /"path" is a number/,
    ],
    ['a relative path', [node('a')], /not an absolute path/],
    ['unbalanced braces in a path', [node('/nodes/{node')], /balanced \{templates\}/],
    ['a missing text', [{ path: '/a', leaf: 1 }], /"text" of \/a is missing/],
    [
      'children that are not an array',
      [node('/a', { children: { x: 1 } })],
      /"children" of \/a is an object, not an array/,
    ],
    ['info that is an array', [node('/a', { info: [] })], /"info" of \/a is an array/],
    [
      'an unknown HTTP method',
      [node('/a', { info: { PATCH: { method: 'PATCH' } } })],
      /unknown HTTP method "PATCH"/,
    ],
    ['a method that is a string', [node('/a', { info: { GET: 'x' } })], /definition of GET \/a is a string/],
    [
      'parameters that are not an object',
      [node('/a', { info: get({ parameters: 'x' }) })],
      /"parameters" of GET \/a is a string/,
    ],
    [
      'properties that are an array',
      [node('/a', { info: get({ parameters: { properties: [] } }) })],
      /parameter "properties" of GET \/a is an array/,
    ],
    [
      'a parameter that is not a schema',
      [node('/a', { info: get({ parameters: { properties: { vmid: 5 } } }) })],
      /parameter "vmid" of GET \/a is a number/,
    ],
    ['returns that is null', [node('/a', { info: get({ returns: null }) })], /"returns" of GET \/a is null/],
    [
      'a description that is a number',
      [node('/a', { info: get({ description: 1 }) })],
      /"description" of GET \/a/,
    ],
    ['a duplicate path', [node('/a', { children: [node('/a/b')] }), node('/a/b')], /\/a\/b appears twice/],
  ])('refuses %s', (_, tree, message) => {
    const error = parseError(() => parseApidoc(doc(tree), { source: 'shape.js' }));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^shape\.js: .*\(line \d+, column \d+\)$/);
  });

  it('points the line and column at the offending value', () => {
    const tree = [
      node('/a', { children: [node('/a/b', { info: { GET: { parameters: { properties: [] } } } })] }),
    ];
    const text = doc(tree);
    const error = parseError(() => parseApidoc(text));
    const expectedLine = text.split('\n').findIndex((l) => l.includes('"properties": []')) + 1;
    expect(error.position?.line).toBe(expectedLine);
    expect(text.slice(error.position?.offset ?? 0).startsWith('[]')).toBe(true);
  });

  it('accepts the dirty values real schemas hold (PBS DOWNLOAD methods, empty info)', () => {
    const tree = [node('/backup', { info: { GET: { method: 'DOWNLOAD' } } }), node('/b', { info: {} })];
    expect(countApiTree(parseApidoc(doc(tree)))).toEqual({ nodes: 2, paths: 1, operations: 1 });
  });
});

describe('parseApidoc and prototype keys', () => {
  it('keeps __proto__, constructor and prototype as plain data at every level', () => {
    const json = `[{"__proto__": {"polluted": "node"}, "constructor": {"prototype": {"polluted": "ctor"}},
      "path": "/a", "text": "a", "leaf": 1, "prototype": 1,
      "children": [{"path": "/a/b", "text": "b", "__proto__": [1]}],
      "info": {"GET": {"__proto__": {"polluted": "method"}, "method": "GET",
        "parameters": {"__proto__": {"polluted": "params"}, "properties": {
          "__proto__": {"type": "string", "polluted": "property"},
          "constructor": {"type": "string"}, "prototype": {"type": "integer"}}},
        "returns": {"type": "object", "properties": {"__proto__": {"polluted": "returns"}}}}}}]`;
    const tree = parseApidoc(`var apiSchema = ${json};`);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const root = tree[0] as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(root)).toBe(Object.prototype);
    expect(Object.hasOwn(root, '__proto__')).toBe(true);
    const properties = tree[0]?.info?.GET?.parameters?.properties as Record<string, unknown>;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.keys(properties)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value).toEqual({
      type: 'string',
      polluted: 'property',
    });
    expect(countApiTree(tree)).toEqual({ nodes: 2, paths: 1, operations: 1 });
  });

  it('refuses __proto__ as an HTTP method and does not follow a node __proto__ to find a path', () => {
    const viaInfo = '[{"path": "/a", "text": "a", "info": {"__proto__": {"method": "GET"}}}]';
    expect(parseError(() => parseApidoc(viaInfo)).message).toMatch(/unknown HTTP method "__proto__"/);
    const viaNode = '[{"__proto__": {"path": "/evil", "text": "x"}}]';
    expect(parseError(() => parseApidoc(viaNode)).message).toMatch(/has no "path"/);
    expect(({} as Record<string, unknown>).path).toBeUndefined();
  });
});
