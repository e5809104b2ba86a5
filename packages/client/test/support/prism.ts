import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A running Prism mock of one document. */
export interface PrismMock {
  /** `http://127.0.0.1:PORT`: give it to `createClient` as `baseUrl`. */
  readonly baseUrl: string;
  /** Everything Prism printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The document as Prism serves it: Prism matches request paths against `paths` and ignores the
 * path of `servers`, so every path gets the `/api2/json` prefix that the servers URL carries.
 * Nothing else changes: the schemas Prism validates requests with are ours.
 */
export function mockDocument(document: { paths: Record<string, unknown> }): object {
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => [`/api2/json${path}`, item]),
  );
  return { ...document, paths };
}

/**
 * How long Prism may take to load a document and listen: a guard against a Prism that never
 * listens, not a measure. Loading PVE's document is about 5 s of CPU, which took 24 s of wall
 * time at load average 45; the guard is the shared test timeout, far above that.
 */
const START_TIMEOUT_MS = 600_000;

/**
 * Starts `prism mock` on 127.0.0.1 as a child process and waits until it listens, at most
 * START_TIMEOUT_MS. Prism validates every request against the document and lists what a request
 * broke in the `sl-violations` header (and answers 4xx). Not `--errors`: that flag also fails
 * the answers that Prism's own static generator makes (a placeholder "string" for a patterned
 * property), which says nothing about the request.
 */
export async function startPrism(
  document: { paths: Record<string, unknown> },
  name: string,
): Promise<PrismMock> {
  const dir = await mkdtemp(join(tmpdir(), `client-prism-${name}-`));
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(mockDocument(document)));
  const port = await freePort();
  const cli = join(
    dirname(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json')),
    'dist/index.js',
  );
  const child = spawn(process.execPath, [cli, 'mock', '-h', '127.0.0.1', '-p', String(port), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForListening(child, port, (text) => {
      output += text;
    });
  } catch (error) {
    await stop();
    throw new Error(`prism (${name}) did not start: ${(error as Error).message}\n${output.slice(-2000)}`);
  }
  return { baseUrl: `http://127.0.0.1:${port}`, output: () => output, stop };
}

function waitForListening(child: ChildProcess, port: number, log: (text: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not listening after ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      log(text);
      if (text.includes(`Prism is listening on http://127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}`));
    });
  });
}
