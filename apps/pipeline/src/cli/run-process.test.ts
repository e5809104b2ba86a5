import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// The real bin (it imports dist/, which the package's test script builds first): these are
// what the process itself can meet, which only a process can show.
const BIN = fileURLToPath(new URL('../../bin/proxmox-openapi.js', import.meta.url));

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ended(child: ReturnType<typeof spawn>): Promise<Ended> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const temporary: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the proxmox-openapi process', () => {
  it('ends with one line and exit code 3 when its standard output is closed (`… | head`)', async () => {
    // The shell waits for a line on stdin before it starts the bin, so the reading end of
    // stdout is closed for certain before anything is written: no race with a fast reader.
    const child = spawn('sh', ['-c', 'IFS= read -r _; exec "$0" "$@"', process.execPath, BIN, '--help'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const result = ended(child);
    const closed = new Promise((resolve) => child.stdout?.once('close', resolve));
    child.stdout?.destroy();
    await closed;
    child.stdin?.end('go\n');
    const { code, stderr } = await result;
    expect(stderr).toBe(
      'proxmox-openapi: standard output was closed before everything was written (EPIPE); the output is incomplete\n',
    );
    expect(code).toBe(3);
  });

  it('ends with one line and exit code 3 when its working directory was deleted', async () => {
    const dir = await tempDir('cli-deleted-cwd-');
    const gone = join(dir, 'gone');
    await mkdir(gone);
    const child = spawn(
      'sh',
      ['-c', 'cd "$1" && rmdir "$1" && exec "$0" "$2" stats x.json', process.execPath, gone, BIN],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const { code, stdout, stderr } = await ended(child);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'proxmox-openapi: the working directory no longer exists (ENOENT); cd into an existing folder and run it again\n',
    );
    expect(code).toBe(3);
  });

  it('ends with one line and exit code 3, leaving no lock and no staging folder, when the dagger CLI cannot start an engine', async () => {
    const dir = await tempDir('cli-broken-dagger-');
    const bin = join(dir, 'bin');
    const root = join(dir, 'root');
    await mkdir(bin);
    await mkdir(join(root, 'specs'), { recursive: true });
    await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
    // What the real CLI says on a machine without a container runtime, and its exit code.
    await writeFile(
      join(bin, 'dagger'),
      '#!/bin/sh\necho "Error: failed to start engine: no container runtime found" >&2\nexit 1\n',
    );
    await chmod(join(bin, 'dagger'), 0o755);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      NO_COLOR: '1',
    };
    delete env.DAGGER_SESSION_PORT;
    delete env.DAGGER_SESSION_TOKEN;
    for (const argv of [
      ['pipeline', '--engine', 'dagger', '--offline'],
      ['generate', '--engine', 'dagger', '--api', 'pve', '--input', 'apidoc.json', '--out-dir', 'out'],
    ]) {
      const child = spawn(process.execPath, [BIN, ...argv], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const { code, stderr } = await ended(child);
      expect(stderr.trim().split('\n')).toEqual([
        `proxmox-openapi ${argv[0]}: --engine dagger: could not reach the Dagger engine through ${join(bin, 'dagger')}: D105: Error: failed to start engine: no container runtime found; use --engine local to run without containers`,
      ]);
      expect(code).toBe(3);
      expect((await readdir(root)).sort()).toEqual(['pnpm-workspace.yaml', 'specs']);
      expect(await readdir(join(root, 'specs'))).toEqual([]);
    }
  });
});
