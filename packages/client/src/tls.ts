import type { Buffer } from 'node:buffer';
import type { TLSSocket } from 'node:tls';

/**
 * How to trust a server whose certificate no public CA signed (a Proxmox host's self-signed
 * one). Applies to this client's connections only, through its own undici dispatcher: nothing
 * process-wide (no `NODE_TLS_REJECT_UNAUTHORIZED`) is touched. Node only.
 */
export interface TlsOptions {
  /** CA certificates (PEM) to trust instead of the public ones: `/etc/pve/pve-root-ca.pem`. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /**
   * The SHA-256 fingerprint of the server's certificate (`AA:BB:…` or plain hex, any case), as
   * the Proxmox GUI shows it. The connection is accepted only when the certificate matches it,
   * whoever signed it and whatever name it carries.
   */
  readonly fingerprint256?: string;
}

/** A fetch bound to one dispatcher, and the way to close its connections. */
export interface TlsFetch {
  readonly fetch: (request: Request) => Promise<Response>;
  close(): Promise<void>;
}

function normalizeFingerprint(text: string): string {
  return text.replace(/:/g, '').toUpperCase();
}

/**
 * A fetch whose TLS checks follow `tls`. undici is loaded on the first call only, so that
 * clients without TLS options (and browsers) never load it; undici's own fetch is paired with
 * its own Agent, which is the combination undici supports.
 */
export function createTlsFetch(tls: TlsOptions): TlsFetch {
  if (tls.fingerprint256 !== undefined && !/^([0-9a-f]{2}:?){31}[0-9a-f]{2}$/i.test(tls.fingerprint256)) {
    throw new TypeError('tls.fingerprint256: expected 32 bytes in hex, e.g. AA:BB:…');
  }
  let loaded: Promise<{ fetch: typeof import('undici').fetch; agent: import('undici').Agent }> | undefined;
  const load = async () => {
    const undici = await import('undici');
    const pin = tls.fingerprint256 === undefined ? undefined : normalizeFingerprint(tls.fingerprint256);
    if (pin === undefined) {
      const ca =
        tls.ca === undefined ? undefined : Array.isArray(tls.ca) ? [...tls.ca] : (tls.ca as string | Buffer);
      return { fetch: undici.fetch, agent: new undici.Agent({ connect: { ca } }) };
    }
    // A pinned certificate replaces the chain check: the chain of a self-signed certificate never
    // verifies, so the socket is accepted by its fingerprint instead, and closed when it differs.
    const connector = undici.buildConnector({ rejectUnauthorized: false });
    const agent = new undici.Agent({
      connect: (options, callback) =>
        connector(options, (error, socket) => {
          if (error) return callback(error, null);
          const found = normalizeFingerprint((socket as TLSSocket).getPeerCertificate().fingerprint256 ?? '');
          if (found !== pin) {
            socket.destroy();
            return callback(
              new Error(
                `TLS: the certificate of ${options.hostname} has the fingerprint ${found}, not the pinned ${pin}`,
              ),
              null,
            );
          }
          return callback(null, socket);
        }),
    });
    return { fetch: undici.fetch, agent };
  };
  return {
    async fetch(request) {
      loaded ??= load();
      const { fetch, agent } = await loaded;
      // The request was built with the global Request class; undici's fetch takes plain values.
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
      const response = await fetch(request.url, {
        method: request.method,
        headers: [...request.headers],
        body,
        dispatcher: agent,
        signal: request.signal,
      });
      return response as unknown as Response;
    },
    async close() {
      if (loaded) await (await loaded).agent.close();
    },
  };
}
