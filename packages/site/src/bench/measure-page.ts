import type { BrowserContext } from 'playwright-core';
import { operationVisibleAt } from '../browser/operation-visible.js';

/** One page load, measured. */
export interface PageMeasurement {
  /** Milliseconds from navigation start until the operation's path is on screen. */
  visibleMs: number;
  /** JavaScript heap in use after a garbage collection, at that moment (bytes). */
  heapBytes: number;
  /** Bytes received for every response of the page (the document included). */
  transferBytes: number;
  requests: number;
  /** Requests to anything other than the loopback server (blocked; the site must need none). */
  outsideRequests: string[];
}

/**
 * Opens `url` in a new page of `context` with the HTTP cache off, waits (polling, up to
 * `timeoutMs`) until `path` is visible, then reads the heap and the bytes received.
 */
export async function measurePage(
  context: BrowserContext,
  url: string,
  path: string,
  timeoutMs: number,
): Promise<PageMeasurement> {
  const origin = new URL(url).origin;
  const outsideRequests: string[] = [];
  await context.route(
    (u) => u.origin !== origin && u.protocol !== 'data:' && u.protocol !== 'blob:',
    async (route) => {
      outsideRequests.push(route.request().url());
      await route.abort();
    },
  );
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  let transferBytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    transferBytes += event.encodedDataLength;
    requests += 1;
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(operationVisibleAt, path, { polling: 100, timeout: timeoutMs });
  const visibleMs = (await handle.jsonValue()) as number;
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await page.close();
  return { visibleMs, heapBytes: heap.usedSize, transferBytes, requests, outsideRequests };
}
