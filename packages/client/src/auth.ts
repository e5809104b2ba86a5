import { toApiError } from './errors.js';
import type { Product } from './products.js';

/** An API token, `USER@REALM!TOKENID=SECRET` (`:` before the secret works too: each product's own separator is sent). */
export interface TokenAuth {
  readonly token: string;
}

/** A user and password: the client logs in, keeps the ticket and renews it before it expires. */
export interface TicketAuth {
  readonly username: string;
  readonly password: string;
  /**
   * Age after which the ticket is renewed before the next request, in milliseconds. Proxmox
   * tickets are valid for two hours; the default renews after one hour, as the web UI does well
   * before expiry.
   */
  readonly renewAfterMs?: number;
}

/** How the client authenticates. */
export type Auth = TokenAuth | TicketAuth;

/** What a request needs to send: headers and whether they came from a ticket. */
export interface Session {
  /** The authentication headers for one request with this HTTP method. */
  headers(method: string): Promise<Record<string, string>>;
}

/** Sends one form-encoded POST below `/api2/json` without authentication (the login). */
export type LoginPost = (path: string, form: string) => Promise<Response>;

const TOKEN = /^([^\s!@]+@[^\s!]+![^\s=:]+)[=:](\S+)$/;
const DEFAULT_RENEW_AFTER_MS = 60 * 60 * 1000;

/** The `Authorization` header value of an API token for this product. */
export function tokenHeader(product: Product, token: string): string {
  if (product.tokenPrefix === null) {
    throw new TypeError(`auth.token: ${product.name} has no API tokens; log in with { username, password }`);
  }
  const match = TOKEN.exec(token);
  if (!match) throw new TypeError('auth.token: expected USER@REALM!TOKENID=SECRET');
  return `${product.tokenPrefix}=${match[1]}${product.tokenSeparator}${match[2]}`;
}

/** The session for a token (a fixed header) or for a ticket (login, cookie, CSRF, renewal). */
export function createSession(product: Product, auth: Auth, post: LoginPost, now: () => number): Session {
  if ('token' in auth) {
    const header = tokenHeader(product, auth.token);
    return { headers: async () => ({ Authorization: header }) };
  }
  if (typeof auth.username !== 'string' || typeof auth.password !== 'string') {
    throw new TypeError('auth: expected { token } or { username, password }');
  }
  return new TicketSession(product, auth, post, now);
}

interface Ticket {
  readonly ticket: string;
  /** The cookie value as sent: the server's own Set-Cookie value when it set one. */
  readonly cookie: string;
  readonly csrf: string;
  readonly obtainedAt: number;
}

class TicketSession implements Session {
  #current: Ticket | undefined;
  #pending: Promise<Ticket> | undefined;

  constructor(
    private readonly product: Product,
    private readonly auth: TicketAuth,
    private readonly post: LoginPost,
    private readonly now: () => number,
  ) {}

  async headers(method: string): Promise<Record<string, string>> {
    const ticket = await this.#valid();
    const headers: Record<string, string> = {
      Cookie: `${this.product.authCookie}=${ticket.cookie}`,
    };
    // Proxmox wants the CSRF token on every write made with the ticket cookie.
    if (method !== 'GET') headers.CSRFPreventionToken = ticket.csrf;
    return headers;
  }

  #valid(): Promise<Ticket> {
    const renewAfter = this.auth.renewAfterMs ?? DEFAULT_RENEW_AFTER_MS;
    const current = this.#current;
    if (current && this.now() - current.obtainedAt < renewAfter) return Promise.resolve(current);
    // Concurrent requests share one login.
    this.#pending ??= this.#obtain(current).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #obtain(previous: Ticket | undefined): Promise<Ticket> {
    // Renew as the Proxmox web UI does (the old ticket as the password); if the server refuses
    // that (it expired meanwhile), log in with the password again.
    const renewed = previous ? await this.#login(previous.ticket).catch(() => undefined) : undefined;
    const ticket = renewed ?? (await this.#login(this.auth.password));
    this.#current = ticket;
    return ticket;
  }

  async #login(password: string): Promise<Ticket> {
    const form = new URLSearchParams({ username: this.auth.username, password }).toString();
    const response = await this.post('/access/ticket', form);
    if (!response.ok) throw await toApiError(response, 'POST /access/ticket');
    const body = (await response.json()) as { data?: Record<string, unknown> } | null;
    const data = body?.data;
    if (data?.NeedTFA) {
      throw new TypeError(
        `auth: ${this.auth.username} needs a second factor, which this client does not do; use an API token`,
      );
    }
    // PDM answers no ticket: it sets it as an HttpOnly cookie, kept here as the server wrote it.
    const setCookie = this.#setCookie(response);
    const ticket =
      typeof data?.ticket === 'string' ? data.ticket : setCookie && decodeURIComponent(setCookie);
    if (!ticket || typeof data?.CSRFPreventionToken !== 'string') {
      throw new TypeError(
        `POST /access/ticket: the answer has no ticket (nor a ${this.product.authCookie} cookie) and CSRFPreventionToken`,
      );
    }
    const cookie = typeof data.ticket === 'string' ? encodeURIComponent(ticket) : (setCookie ?? '');
    return { ticket, cookie, csrf: data.CSRFPreventionToken, obtainedAt: this.now() };
  }

  /** The value of the product's ticket cookie in the answer's Set-Cookie headers, if any. */
  #setCookie(response: Response): string | undefined {
    const headers = response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? ''];
    const prefix = `${this.product.authCookie}=`;
    for (const header of headers) {
      const first = header.split(';')[0]?.trim() ?? '';
      if (first.startsWith(prefix)) return first.slice(prefix.length);
    }
    return undefined;
  }
}
