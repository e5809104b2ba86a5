import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, isIPv4, type LookupFunction } from 'node:net';
import { AttemptFailure } from './attempt-failure.js';

/** Whether a URL host is the local machine: `localhost`, 127.0.0.0/8 or `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1') return true;
  return isIPv4(host) && host.startsWith('127.');
}

/**
 * Why a URL may not be fetched, or undefined when it may: https only, except plain http to the
 * local machine (tests, a local mirror), so that a schema is never taken from a path an
 * attacker on the network can rewrite.
 */
export function urlRefusal(url: URL): string | undefined {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? undefined
      : 'plain http is allowed only for loopback hosts; use https';
  }
  return `the ${url.protocol.replace(/:$/, '')} scheme is not supported; use https`;
}

/** Whether a resolved address is the local machine: 127.0.0.0/8 or `::1` (also IPv4-mapped). */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.toLowerCase().replace(/^::ffff:/, '');
  return plain === '::1' || (isIPv4(plain) && plain.startsWith('127.'));
}

/**
 * The DNS lookup a plain-http request must use: `localhost` and `*.localhost` are allowed by
 * name only when every address they resolve to is a loopback address (a resolver or a hosts
 * file may send a `.localhost` name anywhere). The check happens on the lookup the connection
 * itself uses, so the name cannot resolve one way when checked and another when connected.
 */
export const loopbackOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const outside = addresses.find((a) => !isLoopbackAddress(a.address));
    if (outside !== undefined || addresses.length === 0) {
      const failure = new AttemptFailure(
        `refusing plain http to ${hostname}: it resolves to ${outside?.address ?? 'no address'}, not a loopback address; use https`,
        { retryable: false, kind: 'input' },
      );
      callback(failure, '', 0);
      return;
    }
    if (options.all) {
      callback(null, addresses);
    } else {
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    }
  });
};

/** Whether a plain-http request to this host name needs {@link loopbackOnlyLookup}: a name, not an address. */
export function needsLoopbackLookup(url: URL): boolean {
  return url.protocol === 'http:' && isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0;
}
