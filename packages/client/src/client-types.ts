import type { ParamsOption, RequestBodyOption } from 'openapi-fetch';

/** The HTTP methods Proxmox APIs use. */
export type Method = 'get' | 'post' | 'put' | 'delete';

/** The paths of `Paths` that have an operation for `M` (openapi-typescript writes `get?: never` for the others). */
export type PathsWith<Paths, M extends Method> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: object } ? P : never;
}[keyof Paths] &
  string;

/** The operation of `Paths[P]` for `M`. */
export type OperationOf<Paths, P extends keyof Paths, M extends Method> = Paths[P] extends {
  [K in M]: infer Op;
}
  ? Op
  : never;

/** What a call takes: `params` (`path`, `query`) and `body` as the document says, plus a signal. */
export type RequestOptions<Op> = ParamsOption<Op> & RequestBodyOption<Op> & { signal?: AbortSignal };

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The second argument, required only when a parameter or the body is. */
export type InitArgument<Op> =
  RequiredKeys<RequestOptions<Op>> extends never
    ? [options?: RequestOptions<Op>]
    : [options: RequestOptions<Op>];

/** The `data` of the 200 answer: Proxmox wraps every JSON result as `{ data }`, and the client unwraps it. */
export type ResultData<Op> = Op extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body extends { data: infer Data }
    ? Data
    : Body
  : unknown;

/** One HTTP method of the client, typed by the document's paths. */
export type ClientMethod<Paths, M extends Method> = <P extends PathsWith<Paths, M>>(
  path: P,
  ...options: InitArgument<OperationOf<Paths, P, M>>
) => Promise<ResultData<OperationOf<Paths, P, M>>>;

/** How long and how often `waitForTask` polls. */
export interface WaitForTaskOptions {
  /** Give up after this long, in milliseconds (default 10 minutes). */
  readonly timeoutMs?: number;
  /** The first pause between two polls (default 500 ms); each next pause is 1.5 times longer. */
  readonly intervalMs?: number;
  /** The longest pause between two polls (default 5 s). */
  readonly maxIntervalMs?: number;
}

/** A client for one product, typed by its document's `paths`. */
export interface ProxmoxClient<Paths> {
  /** Reads: `params.path` fills the `{name}`s of the path, `params.query` goes to the query string. */
  readonly GET: ClientMethod<Paths, 'get'>;
  /** Creates or runs: `body` is sent form-encoded (booleans as 1/0). */
  readonly POST: ClientMethod<Paths, 'post'>;
  /** Changes: `body` is sent form-encoded (booleans as 1/0). */
  readonly PUT: ClientMethod<Paths, 'put'>;
  /** Removes: parameters go to the query string. */
  readonly DELETE: ClientMethod<Paths, 'delete'>;
  /**
   * Polls `GET /nodes/{node}/tasks/{upid}/status` (the node is read from the UPID) with growing
   * pauses until the task stops. Resolves to its exit status (`OK`, or `WARNINGS: n`); rejects
   * with a `ProxmoxTaskError` when it failed or did not stop within `timeoutMs`.
   */
  waitForTask(upid: string, options?: WaitForTaskOptions): Promise<string>;
  /** Closes the connections of the client's own TLS dispatcher, if it has one. */
  close(): Promise<void>;
}
