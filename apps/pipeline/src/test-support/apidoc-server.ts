import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadFixtureText } from '@proxmox-openapi/test-fixtures';

/** A real HTTP server on 127.0.0.1 that serves apidoc.js files and failures. */
export interface ApidocServer {
  url(path: string): string;
  /** Requests seen, as `METHOD path`. */
  requests: string[];
  close(): Promise<void>;
}

/** Wraps a fixture's JSON the way the PBS API viewer frames it, with viewer-like code after it. */
export function pbsFramedApidoc(fixtureFile: string): string {
  return `var apiSchema = ${loadFixtureText(fixtureFile)};\n\nlet render = function (v) { return v.replace(/[\\]]/g, '"'); };\nExt.onReady(function () { /* ] */ });\n`;
}

/**
 * Serves `/apidoc/<fixture>.js` (a fixture framed as apidoc.js) and `/status/<code>` (an
 * error status with a small body).
 */
export async function startApidocServer(): Promise<ApidocServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const apidoc = /^\/apidoc\/([\w.-]+\.json\.gz)\.js$/.exec(request.url ?? '');
    if (apidoc?.[1]) {
      response.writeHead(200, { 'content-type': 'application/javascript' });
      response.end(pbsFramedApidoc(apidoc[1]));
      return;
    }
    const status = /^\/status\/(\d{3})$/.exec(request.url ?? '');
    response.writeHead(status?.[1] ? Number(status[1]) : 404, { 'content-type': 'text/plain' });
    response.end('nope');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
