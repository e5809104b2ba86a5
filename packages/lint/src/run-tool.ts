import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The output of a finished child process. */
export interface ToolOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a Node-based tool shipped in one of this package's dependencies (`@biomejs/biome/bin/biome`,
 * `typescript/bin/tsc`), resolved from here so the workspace needs no global install.
 */
export function runNodeTool(
  modulePath: string,
  args: readonly string[],
  cwd: string,
  stdin?: string,
): Promise<ToolOutput> {
  const script = require.resolve(modulePath);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.end(stdin ?? '');
  });
}
