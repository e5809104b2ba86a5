import { afterEach, describe, expect, it } from 'vitest';
import { queryFields, type StandInEngine, startStandInEngine } from './stand-in-engine.js';

let engine: StandInEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function post(e: StandInEngine, query: string, token = e.env.DAGGER_SESSION_TOKEN) {
  const res = await fetch(`http://127.0.0.1:${e.env.DAGGER_SESSION_PORT}/query`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${token}:`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: unknown[] } };
}

describe('queryFields', () => {
  it('follows the chain past arguments with strings, lists, objects and inline fragments', () => {
    expect(
      queryFields(
        '{ container { withExec (args: ["sh","-c","echo \\"}{)(\\""],expect: ANY) { node (id: "x") { ... on Container { stdout } } } } }',
      ),
    ).toEqual(['container', 'withExec', 'node', 'stdout']);
  });
});

describe('startStandInEngine', () => {
  it('answers with a nested single-key chain and records the query', async () => {
    engine = await startStandInEngine({ answer: (leaf) => (leaf === 'stdout' ? 'hi' : undefined) });
    const { status, body } = await post(engine, '{ container { from (address: "alpine") { stdout } } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { container: { from: { stdout: 'hi' } } } });
    expect(engine.queries.map((q) => q.fields)).toEqual([['container', 'from', 'stdout']]);
  });

  it('refuses a wrong token and does not record the query', async () => {
    engine = await startStandInEngine();
    expect((await post(engine, '{ version }', 'wrong')).status).toBe(401);
    expect(engine.unauthorized).toBe(1);
    expect(engine.queries).toEqual([]);
  });

  it('holds matching queries until enough of them wait together', async () => {
    engine = await startStandInEngine({ hold: { match: (q) => q.fields.includes('export'), count: 2 } });
    const e = engine;
    const both = await Promise.all([
      post(e, '{ directory { export (path: "/a") } }'),
      post(e, '{ directory { export (path: "/b") } }'),
    ]);
    expect(both.map((r) => r.body.data)).toEqual([
      { directory: { export: '/a' } },
      { directory: { export: '/b' } },
    ]);
    expect(e.maxHeld).toBe(2);
  });

  it('reports one at a time when queries come one after the other', async () => {
    engine = await startStandInEngine({
      hold: { match: (q) => q.fields.includes('export'), count: 2, releaseAfterMs: 50 },
    });
    await post(engine, '{ directory { export (path: "/a") } }');
    await post(engine, '{ directory { export (path: "/b") } }');
    expect(engine.maxHeld).toBe(1);
  });

  it('answers an exec failure as the SDK expects it', async () => {
    engine = await startStandInEngine({
      fail: { match: () => true, message: 'exit 3', exitCode: 3, stderr: 'bad' },
    });
    const { body } = await post(engine, '{ container { stdout } }');
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'exit 3',
        extensions: expect.objectContaining({ _type: 'EXEC_ERROR', exitCode: 3 }),
      }),
    ]);
  });

  it('awaits the before hook, and turns its rejection into a GraphQL error', async () => {
    const seen: string[] = [];
    engine = await startStandInEngine({
      before: async (q) => {
        seen.push(q.fields.join('.'));
        if (q.query.includes('/bad')) throw new Error('container step failed');
      },
    });
    expect((await post(engine, '{ directory { export (path: "/ok") } }')).body.data).toEqual({
      directory: { export: '/ok' },
    });
    const bad = await post(engine, '{ directory { export (path: "/bad") } }');
    expect(bad.body.errors).toEqual([expect.objectContaining({ message: 'container step failed' })]);
    expect(seen).toEqual(['directory.export', 'directory.export']);
  });
});
