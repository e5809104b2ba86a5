import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  API_TARGETS,
  type ApiNode,
  type ApiTarget,
  type ApiTargetEntry,
  countApiTree,
  parseApiSelection,
  registerApiTarget,
} from '@proxmox-openapi/core';
import { loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../cli/command-io.js';
import type { Manifest } from '../publish/manifest.js';
import { makeWorkspace, readJson, removeWorkspaces } from '../test-support/workspace.js';
import { type PipelineOptions, runPipeline } from './run-pipeline.js';

/**
 * The registry's promise: a product is one entry plus a snapshot. A made-up fifth product,
 * registered here from one entry and never named in any stage's code, goes through the whole
 * chain: a live fetch from a real HTTP server on 127.0.0.1, generate, serialize, validate,
 * stats, publish. Its schema is PBS's tree with its paths renamed, framed as the entry says.
 */
const ENTRY: ApiTargetEntry = {
  id: 'pxq',
  name: 'Proxmox Quux Server',
  apidocUrl: 'https://pxq.example.invalid/docs/api-viewer/apidoc.js',
  defaultPort: 8123,
  auth: {
    cookie: 'PXQAuthCookie',
    ticketDelivery: 'http-only-cookie',
    apiToken: { prefix: 'PXQAPIToken', separator: ':' },
  },
  patternDialect: 'rust-literal',
  apidocDeclaration: 'var',
  snapshot: { date: '2025-06-10', release: 'Quux 1.0' },
  notes: ['Quux is made up: it exists to prove that a product is one registry entry.'],
};

/** PBS's tree with every `datastore` path segment renamed to `vault`, so nothing can key on PBS paths. */
function renamedTree(): ApiNode[] {
  const rename = (node: ApiNode): ApiNode => {
    const renamed: ApiNode = { ...node, path: node.path.replace(/\/datastore(?=\/|$)/g, '/vault') };
    if (node.text === 'datastore') renamed.text = 'vault';
    if (node.children) renamed.children = node.children.map(rename);
    return renamed;
  };
  return (loadFixtureTree('pbs-apidoc-2025-06-10.json.gz') as ApiNode[]).map(rename);
}

function captureIo(cwd: string): CommandIo & { err: () => string } {
  let stderr = '';
  return {
    stdout: { write: () => true },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
        return true;
      },
    },
    env: { NO_COLOR: '1' },
    cwd,
    err: () => stderr,
  };
}

describe('a fifth product from one registry entry', () => {
  const tree = renamedTree();
  let server: Server;
  let url: string;
  const requests: string[] = [];

  beforeAll(async () => {
    registerApiTarget(ENTRY);
    const declaration = ENTRY.apidocDeclaration;
    const body = `${declaration} apiSchema = ${JSON.stringify(tree, null, 1)};\nExt.onReady(function () { /* ] */ });\n`;
    server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.writeHead(request.url === '/docs/api-viewer/apidoc.js' ? 200 : 404, {
        'content-type': 'application/javascript',
      });
      response.end(request.url === '/docs/api-viewer/apidoc.js' ? body : 'nope');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/docs/api-viewer/apidoc.js`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await removeWorkspaces();
    // The registry belongs to the process, and the test files of this app share one process
    // (isolate: false in vitest.config.ts): take the made-up product out again, so that no
    // later file sees a sixth product. API_TARGETS is the registry itself, not a copy.
    const registry = API_TARGETS as ApiTarget[];
    registry.splice(
      registry.findIndex((t) => t.id === ENTRY.id),
      1,
    );
    expect(API_TARGETS.map((t) => t.id)).not.toContain(ENTRY.id);
  });

  it('is selectable like any product', () => {
    expect(API_TARGETS.map((t) => t.id)).toContain('pxq');
    expect(parseApiSelection('pxq')).toEqual(['pxq']);
    expect(parseApiSelection('pbs,pxq')).toEqual(['pbs', 'pxq']);
    expect(parseApiSelection('all')).toContain('pxq');
  });

  it('is fetched over loopback HTTP, generated, validated, counted and published', {
    timeout: 300_000,
  }, async () => {
    const root = await makeWorkspace();
    const specsDir = join(root, 'specs');
    const options: PipelineOptions = {
      root,
      apis: parseApiSelection('pxq'),
      sources: { pxq: url },
      offline: false,
      strictFetch: true,
      engine: 'local',
      publish: false,
      site: false,
      specsDir,
      cache: true,
      cacheDir: join(root, '.cache', 'pipeline'),
      lockTimeoutMs: 0,
      openapi: '3.0',
      network: { connectTimeoutMs: 5000, timeoutMs: 60_000, retries: 0 },
      reportFile: join(root, 'run.json'),
    };
    const io = captureIo(root);
    const report = await runPipeline(options, io);
    expect(report.exitCode, io.err()).toBe(0);
    expect(requests).toContain('GET /docs/api-viewer/apidoc.js');

    // fetch: the snapshot is the served tree, and says where it came from.
    const meta = await readJson<{ url: string }>(join(specsDir, 'pxq', 'apidoc.meta.json'));
    expect(meta.url).toBe(url);
    expect(JSON.parse(await readFile(join(specsDir, 'pxq', 'apidoc.json'), 'utf8'))).toEqual(tree);

    // generate: every fact of the document comes from the entry.
    const document = await readJson<{
      info: { title: string; description: string };
      servers: { variables: { port: { default: string } } }[];
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, { name: string; description: string }> };
    }>(join(specsDir, 'pxq', 'pxq-api.json'));
    expect(document.info.title).toBe('Proxmox Quux Server API');
    expect(document.info.description).toContain(ENTRY.notes?.[0]);
    expect(document.servers[0]?.variables.port.default).toBe('8123');
    expect(document.components.securitySchemes.ApiToken?.description).toContain(
      'PXQAPIToken=USER@REALM!TOKENID:SECRET',
    );
    expect(document.components.securitySchemes.Ticket?.name).toBe('PXQAuthCookie');
    expect(Object.keys(document.paths).some((p) => /\/vault(\/|$)/.test(p))).toBe(true);
    expect(Object.keys(document.paths).some((p) => /\/datastore(\/|$)/.test(p))).toBe(false);
    expect((await readFile(join(specsDir, 'pxq', 'pxq-api.yaml'), 'utf8')).startsWith('openapi: 3.0.3')).toBe(
      true,
    );

    // validate: clean, and every operation of the schema is covered.
    const target = report.targets[0];
    expect(target?.validation?.errors).toEqual([]);
    expect(target?.validation?.warnings).toEqual([]);
    expect(target?.validation?.operations).toBe(countApiTree(tree).operations);

    // stats: in the manifest, the product README and the root README.
    const manifest = await readJson<Manifest>(join(specsDir, 'manifest.json'));
    expect(manifest.apis.pxq?.name).toBe('Proxmox Quux Server');
    expect(manifest.apis.pxq?.stats?.operations).toBe(countApiTree(tree).operations);
    const readme = await readFile(join(specsDir, 'pxq', 'README.md'), 'utf8');
    expect(readme).toContain('# Proxmox Quux Server API: OpenAPI documents');
    expect(readme).toContain('`Authorization: PXQAPIToken=USER@REALM!TOKENID:SECRET`');
    expect(readme).toContain(`| operations | ${countApiTree(tree).operations} (`);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toContain('| `pxq` | Proxmox Quux Server API |');
  });
});
