import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

/** One request the fake server received. */
export interface SeenRequest {
  readonly method: string;
  /** The path below `/api2/json`, with the query string. */
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** What a test tells the fake server. */
export interface FakeProxmoxOptions {
  /** The product's cookie name and token header (`PVEAPIToken=root@pam!ci=SECRET`). */
  readonly authCookie: string;
  readonly tokenHeader: string;
  /** The one password that logs `username` in. */
  readonly username: string;
  readonly password: string;
  /** Task statuses by UPID, answered in order, the last one repeated. */
  readonly tasks?: Record<string, readonly Record<string, unknown>[]>;
  /** Hand the ticket out as an HttpOnly Set-Cookie only, as PDM does. */
  readonly httpOnlyTicket?: boolean;
  /** Serve HTTPS with this key and certificate instead of HTTP. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

/** A running fake server. */
export interface FakeProxmox {
  readonly baseUrl: string;
  readonly requests: SeenRequest[];
  /** Every ticket it issued, oldest first, with the password that obtained it. */
  readonly logins: { readonly password: string; readonly ticket: string }[];
  /** Makes the server refuse this ticket from now on (as when it expired). */
  expire(ticket: string): void;
  close(): Promise<void>;
}

/**
 * A small loopback server that checks authentication the way Proxmox does: an API token in
 * `Authorization`, or the ticket cookie, plus `CSRFPreventionToken` on every write made with the
 * ticket. `POST /access/ticket` logs in with the password or renews with a valid ticket as the
 * password. Other routes: `GET /version`, `POST /nodes/{node}/qemu` (checks the form, answers a
 * UPID or Proxmox's parameter error), `GET /nodes/{node}/tasks/{upid}/status`, `GET /fail/{status}`.
 */
export async function startFakeProxmox(options: FakeProxmoxOptions): Promise<FakeProxmox> {
  const requests: SeenRequest[] = [];
  const logins: { password: string; ticket: string }[] = [];
  const valid = new Map<string, string>(); // ticket → CSRF token
  const polls = new Map<string, number>();

  const send = (res: ServerResponse, status: number, body: unknown, reason?: string): undefined => {
    const text = JSON.stringify(body);
    res.writeHead(status, reason ?? '', {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
    return undefined;
  };

  // Each branch answers and returns (undefined), so that the first matching route ends the handler.
  const handle = (req: IncomingMessage, res: ServerResponse, body: string): undefined => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/api2\/json/, '');
    requests.push({ method: req.method ?? '', url: path + url.search, headers: req.headers, body });
    const form = new URLSearchParams(body);

    if (req.method === 'POST' && path === '/access/ticket') {
      const password = form.get('password') ?? '';
      if (
        form.get('username') !== options.username ||
        (password !== options.password && !valid.has(password))
      ) {
        return send(res, 401, { data: null }, 'authentication failure');
      }
      const ticket = `PVE:${options.username}:${(logins.length + 1).toString(16).padStart(8, '0')}::c2lnbmF0dXJl/+=`;
      const csrf = `csrf-${logins.length + 1}`;
      valid.set(ticket, csrf);
      logins.push({ password, ticket });
      if (options.httpOnlyTicket) {
        res.setHeader('Set-Cookie', [
          'unrelated=1; Path=/',
          `${options.authCookie}=${encodeURIComponent(ticket)}; Path=/; Secure; HttpOnly; SameSite=Lax`,
        ]);
        const info = ticket.slice(0, ticket.lastIndexOf('::') + 2);
        return send(res, 200, {
          data: { 'ticket-info': info, CSRFPreventionToken: csrf, username: options.username },
        });
      }
      return send(res, 200, { data: { ticket, CSRFPreventionToken: csrf, username: options.username } });
    }

    // Authentication, as Proxmox checks it.
    const cookie = /(?:^|;\s*)([^=]+)=([^;]*)/.exec(req.headers.cookie ?? '');
    const ticket = cookie?.[1] === options.authCookie ? decodeURIComponent(cookie[2] ?? '') : undefined;
    const byToken = req.headers.authorization === options.tokenHeader;
    const byTicket = ticket !== undefined && valid.has(ticket);
    if (!byToken && !byTicket) return send(res, 401, { data: null }, 'No ticket');
    if (!byToken && req.method !== 'GET' && req.headers.csrfpreventiontoken !== valid.get(ticket ?? '')) {
      return send(res, 401, { data: null }, 'Permission denied - invalid csrf token');
    }

    if (req.method === 'GET' && path === '/version') {
      return send(res, 200, { data: { version: '9.1.0', release: '9.1', repoid: 'abcdef12' } });
    }
    const qemu = /^\/nodes\/([^/]+)\/qemu$/.exec(path);
    if (req.method === 'POST' && qemu) {
      if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') {
        return send(res, 415, { data: null }, 'Unsupported content type');
      }
      const vmid = Number(form.get('vmid'));
      if (!(vmid >= 100)) {
        return send(
          res,
          400,
          { data: null, errors: { vmid: 'value must have a minimum value of 100\n' } },
          'Parameter verification failed.',
        );
      }
      return send(res, 200, {
        data: `UPID:${qemu[1]}:000A1B2C:0012D687:6700AB12:qmcreate:${vmid}:root@pam:`,
      });
    }
    const task = /^\/nodes\/([^/]+)\/tasks\/([^/]+)\/status$/.exec(path);
    if (req.method === 'GET' && task) {
      const upid = decodeURIComponent(task[2] ?? '');
      const answers = options.tasks?.[upid];
      if (!answers || !upid.startsWith(`UPID:${task[1]}:`))
        return send(res, 404, { data: null }, 'no such task');
      const count = polls.get(upid) ?? 0;
      polls.set(upid, count + 1);
      return send(res, 200, { data: { upid, ...answers[Math.min(count, answers.length - 1)] } });
    }
    const fail = /^\/fail\/(\d+)$/.exec(path);
    if (fail) {
      // A PBS-style error: the message in the body. 502: what a proxy in front says, not JSON.
      if (fail[1] === '502') {
        res.writeHead(502, 'Bad Gateway', { 'Content-Type': 'text/html' });
        return void res.end('<html>bad gateway</html>');
      }
      return send(res, Number(fail[1]), { data: null, message: 'datastore "backup" not found' });
    }
    return send(res, 501, { data: null }, 'Method not implemented');
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake server has no port');
  return {
    baseUrl: `${options.tls ? 'https' : 'http'}://127.0.0.1:${address.port}`,
    requests,
    logins,
    expire: (ticket) => valid.delete(ticket),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A clock that moves only when told, and a pause that moves it: every pause is recorded. */
export function fakeTimers(): {
  now(): number;
  sleep(ms: number): Promise<void>;
  advance(ms: number): void;
  sleeps: number[];
} {
  let time = 1_700_000_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    advance: (ms) => {
      time += ms;
    },
  };
}
