import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What one command line run ended with. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The signal that ended a child process, when one did. */
  signal?: NodeJS.Signals | null;
}

type Main = (
  argv: readonly string[],
  io: {
    stdout: { write(chunk: string): unknown };
    stderr: { write(chunk: string): unknown };
    env: NodeJS.ProcessEnv;
    cwd: string;
  },
) => Promise<number>;

/** The built CLI (the package's `test` scripts build it first); the bin imports the same file. */
export const DIST_CLI = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));
export const BIN = fileURLToPath(new URL('../../../bin/proxmox-openapi.js', import.meta.url));

let loaded: Promise<Main> | undefined;

/**
 * Runs `proxmox-openapi <argv>` in this process through the real dispatcher of the built CLI
 * (argument parsing, error printing, exit codes), with its own stdout and stderr. Loading the
 * CLI once instead of starting a process per case keeps the corpus fast; `runBin` starts the
 * real bin where a process boundary matters.
 */
export async function runCli(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  if (!existsSync(DIST_CLI))
    throw new Error(`${DIST_CLI} is missing: build the package first (pnpm test does)`);
  loaded ??= import(pathToFileURL(DIST_CLI).href).then((m: { main: Main }) => m.main);
  const main = await loaded;
  let stdout = '';
  let stderr = '';
  const exitCode = await main(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: { NO_COLOR: '1', ...env },
    cwd,
  });
  return { exitCode, stdout, stderr };
}

/** Runs the real `proxmox-openapi` bin in a child process (`prefix` e.g. a shell that sets limits). */
export function runBin(
  argv: readonly string[],
  cwd: string,
  options: { env?: NodeJS.ProcessEnv; shellPrefix?: string } = {},
): Promise<CliResult> {
  const env = { ...process.env, NO_COLOR: '1', ...options.env };
  const child = options.shellPrefix
    ? spawn('bash', ['-c', `${options.shellPrefix} exec "$0" "$@"`, process.execPath, BIN, ...argv], {
        cwd,
        env,
      })
    : spawn(process.execPath, [BIN, ...argv], { cwd, env });
  return collectChild(child);
}

/** Waits for a child process started with piped stdout and stderr, collecting both as text. */
export function collectChild(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ exitCode: code ?? -1, stdout, stderr, signal }));
  });
}

/** The lines of stderr that are not progress notes: what a user sees as the error. */
export function errorLines(result: CliResult): string[] {
  return result.stderr.split('\n').filter((line) => line.startsWith('proxmox-openapi '));
}

/** True when text looks like a JavaScript stack trace (`    at fn (file:line:col)`). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+(:\d+:\d+\)?|<anonymous>)$/m.test(text);
}
