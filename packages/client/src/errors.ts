/**
 * A non-2xx answer of a Proxmox API. `reason` is what Proxmox said (`message` adds the request,
 * the status and the per-parameter errors): the `message` of the body
 * (PBS, PDM) or the HTTP reason phrase (PVE and PMG put it there, e.g. "Parameter verification
 * failed."); `errors` holds the per-parameter messages Proxmox sends beside it.
 */
export class ProxmoxApiError extends Error {
  override readonly name = 'ProxmoxApiError';
  /** The HTTP status code. */
  readonly status: number;
  /** Per-parameter messages (`{ vmid: 'value must be at least 100' }`); empty when none were sent. */
  readonly errors: Readonly<Record<string, string>>;
  /** The HTTP method and the path of the request, for the message. */
  readonly request: string;
  /** The message Proxmox sent, without the request and the status. */
  readonly reason: string;

  constructor(options: {
    status: number;
    message: string;
    errors?: Record<string, string>;
    request: string;
  }) {
    const details = Object.entries(options.errors ?? {}).map(([name, text]) => `${name}: ${text}`);
    super(
      `${options.request}: ${options.status} ${options.message}${details.length ? ` (${details.join('; ')})` : ''}`,
    );
    this.status = options.status;
    this.errors = Object.freeze({ ...(options.errors ?? {}) });
    this.request = options.request;
    this.reason = options.message;
  }
}

/** A task that ended with an exit status other than `OK` (or `WARNINGS: n`), or did not end in time. */
export class ProxmoxTaskError extends Error {
  override readonly name = 'ProxmoxTaskError';
  /** The task's UPID. */
  readonly upid: string;
  /** The exit status Proxmox reported, or null when the wait timed out. */
  readonly exitStatus: string | null;

  constructor(upid: string, exitStatus: string | null, message: string) {
    super(message);
    this.upid = upid;
    this.exitStatus = exitStatus;
  }
}

/** Builds the error from Proxmox's error body (`{ data: null, errors?: {...}, message?: string }`), without trusting it. */
export function apiErrorFrom(
  response: { status: number; statusText: string },
  body: unknown,
  request: string,
): ProxmoxApiError {
  const record = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const errors: Record<string, string> = {};
  if (record.errors !== null && typeof record.errors === 'object') {
    for (const [name, text] of Object.entries(record.errors as Record<string, unknown>)) {
      errors[name] = typeof text === 'string' ? text.trim() : JSON.stringify(text);
    }
  }
  const fromBody = typeof record.message === 'string' ? record.message.trim() : '';
  const message = fromBody || response.statusText || 'no message';
  return new ProxmoxApiError({ status: response.status, message, errors, request });
}

/** Reads the body of a failed answer and builds the error. */
export async function toApiError(response: Response, request: string): Promise<ProxmoxApiError> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return apiErrorFrom(response, body, request);
}
