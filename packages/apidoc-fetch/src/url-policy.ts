import { isIPv4 } from 'node:net';

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
