import { type ApiTree, getApiTarget } from '@proxmox-openapi/core';
import { generateSpec } from '@proxmox-openapi/spec-generate';
import { APIDOC_FIXTURES } from '@proxmox-openapi/test-fixtures';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  type AnyDocument,
  fixtureDocument,
  fixtureTree,
  fixtureYaml,
  NEWEST_PBS,
  NEWEST_PVE,
  pveExcerptDocument,
  pveExcerptTree,
  pveExcerptYaml,
} from './test-support/documents.js';
import type { ValidationReport } from './types.js';
import { validateSpec } from './validate-spec.js';

/** The request body schema of an operation, following the generator's `$ref` to its component. */
function bodySchema(document: AnyDocument, path: string, method: string): AnyDocument {
  const schema = document.paths[path][method].requestBody.content['application/json'].schema;
  return schema.$ref ? document.components.schemas[schema.$ref.split('/').at(-1)] : schema;
}

function rules(report: ValidationReport): string[] {
  return [...new Set(report.errors.map((f) => f.rule))].sort();
}

/** Validates a document made from the PVE excerpt against the excerpt's apidoc. */
async function validatePve(document: AnyDocument): Promise<ValidationReport> {
  return validateSpec(document, { apidoc: pveExcerptTree() });
}

describe('validateSpec on the documents spec-generate makes', () => {
  it.each(APIDOC_FIXTURES.map((f) => [f.file, f] as const))('passes %s with 0 errors', async (_, fixture) => {
    const document = fixtureDocument(fixture.file);
    const report = await validateSpec(document, {
      apidoc: fixtureTree(fixture.file),
      yaml: fixtureYaml(fixture.file),
    });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.checks).toEqual({ openapi: true, coverage: true, yaml: true });
    expect(report.operations).toBe(fixture.operations);
  });

  // Every fixture in both OpenAPI versions, with Redocly's `recommended` rules as they are: this
  // is also spec-generate's promise of 0 errors and 0 warnings (its own Redocly test was merged
  // here, so that each document is linted once per test run).
  it.each(APIDOC_FIXTURES.map((f) => [f.file, f] as const))(
    'passes the OpenAPI 3.1 document of %s with 0 errors and 0 warnings',
    async (file, fixture) => {
      const document = generateSpec(fixtureTree(file), { target: getApiTarget(fixture.api), openapi: '3.1' });
      const report = await validateSpec(document, { apidoc: fixtureTree(file) });
      expect(document.openapi).toBe('3.1.0');
      expect(report.errors).toEqual([]);
      expect(report.warnings).toEqual([]);
    },
  );

  it('leaves the document and the tree as they were', async () => {
    const document = fixtureDocument(NEWEST_PBS);
    const tree = fixtureTree(NEWEST_PBS);
    const before = [JSON.stringify(document), JSON.stringify(tree)];
    await validateSpec(document, { apidoc: tree, yaml: fixtureYaml(NEWEST_PBS) });
    expect([JSON.stringify(document), JSON.stringify(tree)]).toEqual(before);
  });

  it('skips what it was not given', async () => {
    const report = await validateSpec(fixtureDocument(NEWEST_PBS));
    expect(report.checks).toEqual({ openapi: true, coverage: 'skipped', yaml: 'skipped' });
  });
});

describe('validateSpec on documents broken on purpose', () => {
  it('breaks an excerpt of the PVE schema whose operations are those of the whole document', async () => {
    const excerpt = pveExcerptDocument();
    const whole = fixtureDocument(NEWEST_PVE);
    const paths = Object.keys(excerpt.paths);
    expect(paths).toEqual(expect.arrayContaining(['/version', '/nodes/{node}/qemu', '/cluster/replication']));
    for (const path of paths) expect(excerpt.paths[path], path).toEqual(whole.paths[path]);
    const post = bodySchema(excerpt, '/nodes/{node}/qemu', 'post');
    expect(post).toEqual(bodySchema(whole, '/nodes/{node}/qemu', 'post'));
    expect((await validatePve(excerpt)).valid).toBe(true);
  });

  it('names an operation that was removed', async () => {
    const document = pveExcerptDocument();
    delete document.paths['/nodes/{node}/qemu'].post;
    const report = await validatePve(document);
    expect(report.valid).toBe(false);
    expect(report.checks.coverage).toBe(false);
    expect(report.errors).toEqual([
      {
        severity: 'error',
        rule: 'coverage-operation-missing',
        message: 'POST /nodes/{node}/qemu of the apidoc is missing from the document',
        pointer: '/paths/~1nodes~1{node}~1qemu',
      },
    ]);
  });

  it('names a parameter that was removed, body or query', async () => {
    const document = pveExcerptDocument();
    delete bodySchema(document, '/nodes/{node}/qemu', 'post').properties.vmid;
    const list = document.paths['/nodes/{node}/qemu'].get;
    list.parameters = list.parameters.filter((p: AnyDocument) => p.name !== 'full');
    const report = await validatePve(document);
    expect(report.errors.map((f) => f.message)).toEqual([
      'GET /nodes/{node}/qemu: parameter "full" of the apidoc is not carried',
      'POST /nodes/{node}/qemu: parameter "vmid" of the apidoc is not carried',
    ]);
    expect(rules(report)).toEqual(['coverage-parameter-missing']);
    expect(report.errors[1]?.pointer).toBe('/paths/~1nodes~1{node}~1qemu/post');
  });

  it('names a required parameter marked optional, as public generators do', async () => {
    const document = pveExcerptDocument();
    const body = bodySchema(document, '/nodes/{node}/qemu', 'post');
    expect(body.required).toContain('vmid');
    body.required = body.required.filter((name: string) => name !== 'vmid');
    const report = await validatePve(document);
    expect(report.errors.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      'coverage-parameter-required: POST /nodes/{node}/qemu: parameter "vmid" is required by the apidoc but optional in the document',
    ]);
  });

  it('accepts an indexed parameter under its real names and names it when they are gone', async () => {
    const document = pveExcerptDocument();
    const report = await validatePve(document);
    expect(report.valid).toBe(true);
    const body = bodySchema(document, '/nodes/{node}/qemu', 'post');
    expect(Object.keys(body.properties)).toContain('net31');
    for (const name of Object.keys(body.properties)) {
      if (/^net\d+$/.test(name)) delete body.properties[name];
    }
    // A literal `net[n]` is not a parameter a client can send: it does not count.
    body.properties['net[n]'] = { type: 'string' };
    const broken = await validatePve(document);
    expect(broken.errors.map((f) => f.message)).toEqual([
      'POST /nodes/{node}/qemu: indexed parameter net[n] is not carried (expected net0, net1, …)',
    ]);
  });

  it('names a dangling $ref with its pointer', async () => {
    const document = pveExcerptDocument();
    document.paths['/version'].get.responses['200'].content['application/json'].schema = {
      $ref: '#/components/schemas/VersionInfo',
    };
    const report = await validatePve(document);
    const finding = report.errors.find((f) => f.rule === 'no-unresolved-refs');
    expect(finding?.pointer).toBe('/paths/~1version/get/responses/200/content/application~1json/schema');
    expect(finding?.message).toContain('#/components/schemas/VersionInfo');
    expect(report.checks.openapi).toBe(false);
  });

  it('names a duplicate operationId, with or without the apidoc', async () => {
    const document = pveExcerptDocument();
    document.paths['/version'].get.operationId = document.paths['/nodes'].get.operationId;
    const report = await validatePve(document);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]?.rule).toBe('coverage-operation-id-duplicate');
    expect(report.errors[0]?.message).toMatch(
      /^operationId "getNodes" of GET \/(version|nodes) is already used by GET/,
    );
    const alone = await validateSpec(document);
    expect(rules(alone)).toEqual(['operation-operationId-unique']);
  });

  it('names a path parameter that is not declared, with or without the apidoc', async () => {
    const document = pveExcerptDocument();
    const start = document.paths['/nodes/{node}/qemu/{vmid}/status/start'].post;
    start.parameters = start.parameters.filter((p: AnyDocument) => p.name !== 'vmid');
    const report = await validatePve(document);
    expect(report.errors).toEqual([
      {
        severity: 'error',
        rule: 'coverage-path-parameter-undeclared',
        message: 'POST /nodes/{node}/qemu/{vmid}/status/start: path parameter {vmid} is not declared',
        pointer: '/paths/~1nodes~1{node}~1qemu~1{vmid}~1status~1start/post',
      },
    ]);
    const alone = await validateSpec(document);
    expect(rules(alone)).toEqual(['path-parameters-defined']);
  });

  it('fails a doubled path, which public validators pass', async () => {
    const document = pveExcerptDocument();
    document.paths['/cluster/cluster/replication'] = document.paths['/cluster/replication'];
    delete document.paths['/cluster/replication'];
    const alone = await validateSpec(document);
    expect(alone.errors.map((f) => [f.rule, f.pointer])).toEqual([
      ['path-doubled', '/paths/~1cluster~1cluster~1replication'],
    ]);
    const report = await validatePve(document);
    expect(rules(report)).toEqual([
      'coverage-operation-missing',
      'coverage-operation-unknown',
      'path-doubled',
    ]);
    expect(report.errors.map((f) => f.message)).toContain(
      'GET /cluster/cluster/replication is not an operation of the apidoc (the apidoc has /cluster/replication: the path is doubled)',
    );
  });

  it('names a pattern that is not ECMA-262', async () => {
    const document = pveExcerptDocument();
    const parameter = document.paths['/nodes/{node}/qemu'].get.parameters[0];
    parameter.schema.pattern = '(?^:[a-z]+)';
    document.paths['/version'].get.responses['200'].content[
      'application/json'
    ].schema.properties.data.pattern = '\\A\\d+\\z';
    // Patterns kept in vendor extensions and a property named "pattern" are not schema patterns.
    parameter['x-proxmox-pattern'] = { pattern: '(?^:kept)' };
    parameter.schema.properties = { pattern: { type: 'string' } };
    const report = await validatePve(document);
    expect(report.errors.map((f) => [f.rule, f.pointer])).toEqual([
      ['pattern-ecma262', '/paths/~1nodes~1{node}~1qemu/get/parameters/0/schema/pattern'],
      [
        'pattern-ecma262',
        '/paths/~1version/get/responses/200/content/application~1json/schema/properties/data/pattern',
      ],
    ]);
    expect(report.errors[0]?.message).toMatch(
      /^pattern "\(\?\^:\[a-z\]\+\)" is not an ECMA-262 regular expression: /,
    );
  });

  it('warns about a pattern that backtracks super-linearly, and says when the document flags it', async () => {
    const document = pveExcerptDocument();
    const parameter = document.paths['/nodes/{node}/qemu'].get.parameters[0];
    // The OCI image reference of PVE 9.1 as written: exponential on `aaaa…!`.
    parameter.schema.pattern = String.raw`^[a-z\d]+(?:(?:[._]|__|[-]*)[a-z\d]+)*$`;
    parameter.schema['x-proxmox-pattern-unsafe'] = 'exponential backtracking';
    const report = await validateSpec(document);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((f) => [f.rule, f.pointer])).toEqual([
      ['pattern-super-linear', '/paths/~1nodes~1{node}~1qemu/get/parameters/0/schema/pattern'],
    ]);
    expect(report.warnings[0]?.message).toMatch(
      /exponential backtracking .*\(flagged x-proxmox-pattern-unsafe\)/,
    );
  });

  it('warns about a default that fails its own schema (vcpus: default 0, minimum 1)', async () => {
    const document = pveExcerptDocument();
    const body = bodySchema(document, '/nodes/{node}/qemu', 'post');
    body.properties.vcpus.default = 0;
    // A property named "default" is a schema, not a default.
    body.properties.default = { type: 'integer', minimum: 5 };
    const report = await validateSpec(document);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((f) => [f.rule, f.message])).toEqual([
      ['default-invalid', 'default 0 is below its minimum 1'],
    ]);
  });

  it('names a 2xx response without the {data} envelope', async () => {
    const document = pveExcerptDocument();
    document.paths['/version'].get.responses['200'].content['application/json'].schema = { type: 'object' };
    document.paths['/nodes'].get.responses = { '400': { description: 'bad' } };
    const report = await validatePve(document);
    expect(report.errors.map((f) => f.message)).toEqual([
      'GET /nodes has no 2xx response',
      'GET /version: the 200 response is not the {"data": …} envelope that Proxmox answers with',
    ]);
  });

  it('fails YAML that is not the same document', async () => {
    const document = pveExcerptDocument();
    const yaml = pveExcerptYaml().replace('operationId: getVersion', 'operationId: getVersions');
    const report = await validateSpec(document, { yaml });
    expect(report.checks.yaml).toBe(false);
    expect(report.errors).toEqual([
      {
        severity: 'error',
        rule: 'yaml-same-document',
        message:
          'the YAML differs from the JSON document at /paths/~1version/get/operationId: JSON has "getVersion", YAML has "getVersions"',
        pointer: '/paths/~1version/get/operationId',
      },
    ]);
    const unparsable = await validateSpec(document, { yaml: 'openapi: 3.0.3\n  info: [' });
    expect(rules(unparsable)).toEqual(['yaml-parse']);
    const shorter = await validateSpec(document, {
      yaml: dump({ ...document, tags: document.tags.slice(1) }),
    });
    expect(shorter.errors[0]?.message).toMatch(
      /^the YAML differs from the JSON document at \/tags: JSON has \d+ items/,
    );
  });

  it('refuses values that are not a document or a tree', async () => {
    await expect(validateSpec([] as unknown as object)).rejects.toThrow('not a JSON object');
    await expect(validateSpec({}, { apidoc: {} as unknown as ApiTree })).rejects.toThrow('not an array');
  });
});

describe('validateSpec on values that are not OpenAPI documents', () => {
  it.each([
    [{}, 'Redocly cannot lint this document: Unsupported specification'],
    [
      { openapi: 3 },
      'Redocly cannot lint this document: Invalid OpenAPI version: should be a string but got "number"',
    ],
  ])('reports %j as a finding instead of throwing', async (document, message) => {
    const report = await validateSpec(document);
    expect(report.valid).toBe(false);
    expect(report.errors).toContainEqual({
      severity: 'error',
      rule: 'openapi-document',
      message,
      pointer: '/openapi',
    });
  });

  it('reports a structurally broken document through Redocly', async () => {
    const report = await validateSpec({ openapi: '3.0.3', info: null, paths: { '/a': { get: null } } });
    expect(report.errors.map((f) => f.rule)).toContain('struct');
    expect(report.operations).toBe(0);
  });
});
