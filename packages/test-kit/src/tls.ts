import { readFileSync } from 'node:fs';

/**
 * A self-signed certificate and key for 127.0.0.1, made for the tests only (no real secret):
 * a server with them is what a client that checks certificates must refuse.
 */
export function selfSignedTls(): { cert: Buffer; key: Buffer } {
  return {
    cert: readFileSync(new URL('../data/self-signed.cert.pem', import.meta.url)),
    key: readFileSync(new URL('../data/self-signed.key.pem', import.meta.url)),
  };
}
