import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Dagger engine's session API, for contract tests on a machine without a
 * container runtime. The SDK skips all provisioning when `DAGGER_SESSION_PORT` and
 * `DAGGER_SESSION_TOKEN` are set and sends each query as `POST /query` (basic auth, the token
 * as user); this server records every query and answers it with the nested single-key `data`
 * chain the SDK unwraps. Nothing runs: the tests assert on the GraphQL the SDK really sent.
 */

/** One query as the SDK sent it. */
export interface RecordedQuery {
  /** The query text with runs of whitespace collapsed to one space. */
  query: string;
  /** The field names of its chain, outermost first (`['container', 'from', …, 'stdout']`). */
  fields: string[];
  /** Arrival order, from 0. */
  index: number;
}

/** Decides a leaf's value; return `undefined` for the default. */
export type LeafAnswer = (leaf: string, query: RecordedQuery) => unknown;

export interface StandInEngineOptions {
  /** Values for leaves (`stdout`, `contents`, …); ids, `sync` and `export` have defaults. */
  answer?: LeafAnswer;
  /**
   * Holds back the answers to queries that match until `count` of them are waiting, so that a
   * test can tell whether a client sent them together or one after the other. After
   * `releaseAfterMs` (default 5000) the held answers go out anyway, so that a client that
   * sends them one by one finishes and the test's assertion, not a timeout, reports it.
   */
  hold?: { match: (query: RecordedQuery) => boolean; count: number; releaseAfterMs?: number };
  /**
   * Runs before a query is answered (awaited), e.g. to do what a container would have done:
   * write the files that an `export` names. A rejection becomes a GraphQL error.
   */
  before?: (query: RecordedQuery) => Promise<void> | void;
  /** Answer matching queries with a GraphQL error of this message (an exec error when `exitCode` is set). */
  fail?: { match: (query: RecordedQuery) => boolean; message: string; exitCode?: number; stderr?: string };
}

export interface StandInEngine {
  /** The environment that points the SDK at this server. */
  readonly env: { DAGGER_SESSION_PORT: string; DAGGER_SESSION_TOKEN: string };
  /** Every query received with the right token, in arrival order. */
  readonly queries: RecordedQuery[];
  /** Requests refused because of a missing or wrong token. */
  readonly unauthorized: number;
  /** The most matching queries that were waiting at once under `hold`. */
  readonly maxHeld: number;
  close(): Promise<void>;
}

/** The field names of a query's selection chain, skipping arguments and inline fragments. */
export function queryFields(query: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i] as string;
    if (c === '(') {
      i = skipArguments(query, i);
      continue;
    }
    if (c === '.' && query.startsWith('...', i)) {
      // `... on Container {`: an inline fragment adds no level to the answer.
      i += 3;
      const on = /^\s*on\s+[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(i));
      if (on) i += on[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(query[j] as string)) j++;
      fields.push(query.slice(i, j));
      i = j;
      continue;
    }
    i++;
  }
  return fields;
}

// Skips a parenthesised argument list, strings (with escapes) and nesting included.
function skipArguments(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

function defaultLeaf(leaf: string, query: RecordedQuery): unknown {
  switch (leaf) {
    case 'id':
    case 'sync':
      return `stand-in-${query.fields.at(-2) ?? 'root'}-${query.index}`;
    case 'version':
      return 'v0.21.9';
    case 'export': {
      // Directory/File.export returns the path it wrote to.
      const m = /export\s*\(\s*path:\s*"((?:[^"\\]|\\.)*)"/.exec(query.query);
      return m ? JSON.parse(`"${m[1]}"`) : '';
    }
    case 'exitCode':
      return 0;
    case 'entries':
    case 'glob':
      return [];
    default:
      return '';
  }
}

function nest(fields: readonly string[], leaf: unknown): unknown {
  let value = leaf;
  for (let i = fields.length - 1; i >= 0; i--) value = { [fields[i] as string]: value };
  return value;
}

/** Starts a stand-in engine on 127.0.0.1 (a free port). */
export async function startStandInEngine(options: StandInEngineOptions = {}): Promise<StandInEngine> {
  const token = `stand-in-${process.pid}-${Date.now().toString(36)}`;
  const expected = `Basic ${Buffer.from(`${token}:`).toString('base64')}`;
  const queries: RecordedQuery[] = [];
  let unauthorized = 0;
  let maxHeld = 0;
  let held: Array<() => Promise<void>> = [];
  let releaseTimer: NodeJS.Timeout | undefined;

  const releaseHeld = () => {
    if (releaseTimer) clearTimeout(releaseTimer);
    releaseTimer = undefined;
    const waiting = held;
    held = [];
    for (const send of waiting) void send();
  };

  const respond = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    if (req.method !== 'POST' || req.url !== '/query') return respond(res, 404, { message: 'not found' });
    if (req.headers.authorization !== expected) {
      unauthorized++;
      return respond(res, 401, { message: 'unauthorized' });
    }
    let text: string;
    try {
      text = String((JSON.parse(raw) as { query?: unknown }).query ?? '');
    } catch {
      return respond(res, 400, { message: 'body is not JSON' });
    }
    const record: RecordedQuery = {
      query: text.replace(/\s+/g, ' ').trim(),
      fields: queryFields(text),
      index: queries.length,
    };
    queries.push(record);

    const send = async () => {
      try {
        await options.before?.(record);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return respond(res, 200, { data: null, errors: [{ message, path: record.fields }] });
      }
      if (options.fail?.match(record)) {
        const { message, exitCode, stderr } = options.fail;
        const extensions =
          exitCode === undefined
            ? {}
            : { _type: 'EXEC_ERROR', cmd: [], exitCode, stdout: '', stderr: stderr ?? '' };
        return respond(res, 200, { data: null, errors: [{ message, path: record.fields, extensions }] });
      }
      const leaf = record.fields.at(-1) ?? '';
      const value = options.answer?.(leaf, record) ?? defaultLeaf(leaf, record);
      respond(res, 200, { data: nest(record.fields, value) });
    };

    const hold = options.hold;
    if (hold?.match(record)) {
      held.push(send);
      maxHeld = Math.max(maxHeld, held.length);
      if (held.length >= hold.count) releaseHeld();
      else releaseTimer ??= setTimeout(releaseHeld, hold.releaseAfterMs ?? 5000);
      return;
    }
    void send();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    env: { DAGGER_SESSION_PORT: String(port), DAGGER_SESSION_TOKEN: token },
    queries,
    get unauthorized() {
      return unauthorized;
    },
    get maxHeld() {
      return maxHeld;
    },
    close: () =>
      new Promise<void>((resolve) => {
        releaseHeld();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
