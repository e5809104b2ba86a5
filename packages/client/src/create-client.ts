import createFetchClient from 'openapi-fetch';
import { type Auth, createSession, type LoginPost } from './auth.js';
import type { Method, ProxmoxClient } from './client-types.js';
import { apiErrorFrom } from './errors.js';
import { encodeParams } from './form-encoding.js';
import type { Product } from './products.js';
import { createTlsFetch, type TlsOptions } from './tls.js';
import { SYSTEM_TIMERS, type Timers, waitForTask } from './wait-for-task.js';

/** What `createClient` takes. */
export interface ClientOptions {
  /** `https://host:port` of the server; the client adds `/api2/json`. */
  readonly baseUrl: string;
  /** An API token or a user and password. */
  readonly auth: Auth;
  /** A custom CA or a pinned certificate fingerprint, for this client only (Node). */
  readonly tls?: TlsOptions;
  /** A fetch of your own (a proxy, a test double); by default the global fetch. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** The clock and the pause used for ticket renewal and `waitForTask`; by default the real ones. */
  readonly timers?: Timers;
}

const FORM = 'application/x-www-form-urlencoded';
const API_PATH = '/api2/json';

/** `https://host:port` (with or without `/api2/json` or a final slash) to the API's base URL. */
function apiBase(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl: "${baseUrl}" is not a URL; expected https://host:port`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl: "${baseUrl}" is not http(s); expected https://host:port`);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api2\/json$/, '');
  return `${url.origin}${path}${API_PATH}`;
}

interface CallOptions {
  readonly params?: { readonly path?: object; readonly query?: object };
  readonly body?: object;
  readonly signal?: AbortSignal;
}

/**
 * A client for one product. The product subpaths (`@proxmox-openapi/client/pve`, …) call this
 * with their product and their document's `paths` type; use it directly for your own `paths`.
 */
export function createProxmoxClient<Paths>(product: Product, options: ClientOptions): ProxmoxClient<Paths> {
  const base = apiBase(options.baseUrl);
  const tls = options.tls ? createTlsFetch(options.tls) : undefined;
  const transport = options.fetch ?? tls?.fetch ?? ((request: Request) => globalThis.fetch(request));
  const timers = options.timers ?? SYSTEM_TIMERS;
  const login: LoginPost = (path, form) =>
    transport(new Request(base + path, { method: 'POST', headers: { 'Content-Type': FORM }, body: form }));
  const session = createSession(product, options.auth, login, () => timers.now());

  const api = createFetchClient({
    baseUrl: base,
    fetch: async (request) => {
      for (const [name, value] of Object.entries(await session.headers(request.method))) {
        request.headers.set(name, value);
      }
      return transport(request);
    },
    querySerializer: (query: unknown) => encodeParams(query as Record<string, unknown>),
    // The paths are typed by ProxmoxClient, not here: this client is untyped inside.
    bodySerializer: ((body: unknown) => encodeParams(body as Record<string, unknown>)) as never,
  });

  async function call(method: Method, path: string, init: CallOptions = {}): Promise<unknown> {
    const hasBody = init.body !== undefined;
    const result = await api.request(
      method,
      path as never,
      {
        params: init.params,
        body: init.body,
        signal: init.signal,
        // openapi-fetch labels a serialized body as JSON; Proxmox gets a form.
        headers: hasBody ? { 'Content-Type': FORM } : undefined,
      } as never,
    );
    const { response, error } = result;
    const data: unknown = result.data;
    if (!response.ok) {
      const where = response.url ? new URL(response.url).pathname.replace(/^.*?\/api2\/json/, '') : path;
      throw apiErrorFrom(response, error, `${method.toUpperCase()} ${where}`);
    }
    return data !== null && typeof data === 'object' && 'data' in data ? data.data : data;
  }

  const method =
    (name: Method) =>
    (path: string, init?: CallOptions): Promise<unknown> =>
      call(name, path, init);

  return {
    GET: method('get'),
    POST: method('post'),
    PUT: method('put'),
    DELETE: method('delete'),
    waitForTask: (upid, waitOptions) =>
      waitForTask(
        upid,
        (node, id) =>
          call('get', '/nodes/{node}/tasks/{upid}/status', { params: { path: { node, upid: id } } }),
        timers,
        waitOptions,
      ),
    close: async () => {
      await tls?.close();
    },
  } as ProxmoxClient<Paths>;
}
