import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UsageError } from '@proxmox-openapi/core';

/** How the Dagger engine will be reached. */
export type DaggerAccess =
  /** A session that is already running (inside `dagger run`, or a stand-in in tests). */
  | { kind: 'session'; port: number }
  /** The `dagger` CLI found on PATH: the SDK starts a session with it. */
  | { kind: 'cli'; bin: string };

/** Finds an executable file on a PATH string; `undefined` when there is none. */
export function findOnPath(
  name: string,
  path: string | undefined,
  platform = process.platform,
): string | undefined {
  const names = platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const candidate of names) {
      const file = join(dir, candidate);
      try {
        if (!statSync(file).isFile()) continue;
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here: try the next folder
      }
    }
  }
  return undefined;
}

/**
 * Decides how to reach a Dagger engine, before the SDK is loaded: a running session
 * (`DAGGER_SESSION_PORT` + `DAGGER_SESSION_TOKEN`) or the `dagger` CLI on PATH. Left to
 * itself the SDK would download a CLI when it finds neither; this refuses instead.
 * @throws UsageError (one line, naming `--engine local`) when neither is there.
 */
export function detectDaggerAccess(env: NodeJS.ProcessEnv): DaggerAccess {
  const port = env.DAGGER_SESSION_PORT;
  if (port !== undefined && port !== '') {
    const number = Number(port);
    if (!Number.isInteger(number) || number <= 0 || number > 65535) {
      throw new UsageError(
        `--engine dagger: DAGGER_SESSION_PORT="${port}" is not a port number; fix it, or use --engine local`,
      );
    }
    if (!env.DAGGER_SESSION_TOKEN) {
      throw new UsageError(
        '--engine dagger: DAGGER_SESSION_PORT is set but DAGGER_SESSION_TOKEN is not; set both (dagger run does), or use --engine local',
      );
    }
    return { kind: 'session', port: number };
  }
  const bin = findOnPath('dagger', env.PATH ?? env.Path);
  if (bin) return { kind: 'cli', bin };
  throw new UsageError(
    '--engine dagger needs the Dagger CLI (v0.21.9) on PATH and a container runtime, or a running session (DAGGER_SESSION_PORT); neither was found, and nothing is downloaded: install Dagger or use --engine local',
  );
}
