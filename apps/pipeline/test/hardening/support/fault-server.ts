import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the loopback server misbehaves on one path. */
export type Fault = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 that answers each path with its fault and counts requests. */
export interface FaultServer {
  url(path: string): string;
  /** How many requests each path received. */
  hits(path: string): number;
  /** Bytes the handlers managed to write to each path's sockets. */
  written: Map<string, number>;
  close(): Promise<void>;
}

export async function startFaultServer(faults: Record<string, Fault>): Promise<FaultServer> {
  const counts = new Map<string, number>();
  const written = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const fault = faults[path];
    if (!fault) {
      res.writeHead(404).end();
      return;
    }
    const write = res.write.bind(res);
    res.write = ((chunk: Buffer | string, ...rest: never[]) => {
      written.set(path, (written.get(path) ?? 0) + Buffer.byteLength(chunk));
      return write(chunk, ...rest);
    }) as typeof res.write;
    fault(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => counts.get(path) ?? 0,
    written,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
