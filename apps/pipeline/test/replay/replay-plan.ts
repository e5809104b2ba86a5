import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type PlanStep, parsePlanChain } from './plan-chain.js';

/** What the replay needs besides the plan: where to work and which host folders stand for the cache volumes. */
export interface ReplayOptions {
  /** An empty folder: the container's file system is made below it (`<root>/fs/workspace`, …). */
  root: string;
  /** Host folders for cache volumes, by key (the pnpm store, corepack's downloads); others start empty. */
  caches: Readonly<Record<string, string>>;
}

/** What a replay did, for the test to check and to print. */
export interface Replay {
  /** The host folder of the exported directory. */
  exported: string;
  /** The commands run, as the plan gave them (before the replay's two changes, see below), with their wall time. */
  steps: { argv: string[]; ms: number }[];
  image: string | undefined;
}

// A Dagger-style filter pattern as a regular expression over a relative path: `*` within a
// segment, `**` across segments; a pattern also matches everything below what it names.
function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (pattern.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      re += '.*';
      i += 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

/** Copies `from` into `to` as `withDirectory` does with its `include` and `exclude` lists. */
async function copyFiltered(
  from: string,
  to: string,
  include: readonly string[] | undefined,
  exclude: readonly string[],
): Promise<void> {
  const inc = include?.map(globRegExp);
  const exc = exclude.map(globRegExp);
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(join(from, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (exc.some((r) => r.test(path))) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && (!inc || inc.some((r) => r.test(path)))) {
        await mkdir(join(to, rel), { recursive: true });
        await copyFile(join(from, path), join(to, path));
        await chmod(join(to, path), (await stat(join(from, path))).mode);
      } else if (!entry.isFile())
        throw new Error(`replay: ${join(from, path)} is neither a file nor a folder`);
    }
  };
  await walk('');
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.map(String) : undefined;

/**
 * Replays the container plan of one recorded leaf query on this machine, with the real `node`
 * and `pnpm`: every `withDirectory` copies the host folder it was given (with its filters), every
 * `withExec` runs in the plan's working directory with the plan's environment, container paths
 * become folders below `root/fs` (cache volumes: the host folders of `caches`), and the leaf's
 * `directory(path)` is the exported result. Two changes, both because there is no container:
 * `corepack enable` installs its shims into the replay's own bin folder (on its PATH) instead of
 * the image's, and `pnpm install` gets `--offline` (the store is the host's; no network).
 * Anything the replay does not know (a mounted file, a service, a secret) is refused.
 */
export async function replayPlan(
  leafQuery: string,
  queryByIndex: (index: number) => string | undefined,
  options: ReplayOptions,
): Promise<Replay> {
  const fs = join(options.root, 'fs');
  const mounts = new Map<string, string>();
  const hostPath = (path: string): string => {
    let best: [string, string] | undefined;
    for (const [at, host] of mounts)
      if ((path === at || path.startsWith(`${at}/`)) && at.length > (best?.[0].length ?? -1))
        best = [at, host];
    return best ? best[1] + path.slice(best[0].length) : join(fs, path);
  };
  const referenced = (id: unknown): PlanStep[] => {
    const m = /^stand-in-[A-Za-z]+-(\d+)$/.exec(String(id));
    const query = m ? queryByIndex(Number(m[1])) : undefined;
    if (!query) throw new Error(`replay: no recorded query made ${String(id)}`);
    return parsePlanChain(query);
  };
  const env: Record<string, string> = {};
  const steps: Replay['steps'] = [];
  const bin = join(fs, 'usr/local/bin');
  await mkdir(bin, { recursive: true });
  let workdir = '/';
  let image: string | undefined;
  let exported: string | undefined;

  for (const { field, args } of parsePlanChain(leafQuery)) {
    switch (field) {
      case 'container':
        break;
      case 'from':
        image = String(args.address);
        break;
      case 'withEnvVariable':
        env[String(args.name)] = String(args.value);
        break;
      case 'withWorkdir':
        workdir = String(args.path);
        await mkdir(hostPath(workdir), { recursive: true });
        break;
      case 'withMountedCache': {
        const key = referenced(args.cache).find((s) => s.field === 'cacheVolume')?.args.key;
        const host = options.caches[String(key)] ?? (await mkdtemp(join(options.root, 'cache-')));
        mounts.set(String(args.path), host);
        break;
      }
      case 'withDirectory': {
        const source = referenced(args.source);
        const dir = source.find((s) => s.field === 'directory' && source.some((h) => h.field === 'host'));
        if (!dir) throw new Error(`replay: ${String(args.source)} is not a host directory`);
        await copyFiltered(String(dir.args.path), hostPath(String(args.path)), strings(args.include), [
          ...(strings(dir.args.exclude) ?? []),
          ...(strings(args.exclude) ?? []),
        ]);
        break;
      }
      case 'withExec': {
        const argv = strings(args.args) ?? [];
        let run = argv.map((a) => (a.startsWith('/') ? hostPath(a) : a));
        if (argv[0] === 'corepack' && argv[1] === 'enable') run = [...run, '--install-directory', bin];
        if (argv[0] === 'pnpm' && argv[1] === 'install') run = [...run, '--offline'];
        const planEnv = Object.fromEntries(
          Object.entries(env).map(([k, v]) => [k, v.startsWith('/') ? hostPath(v) : v]),
        );
        const t0 = performance.now();
        const result = spawnSync(run[0] as string, run.slice(1), {
          cwd: hostPath(workdir),
          env: {
            PATH: `${bin}:${process.env.PATH ?? ''}`,
            HOME: process.env.HOME ?? options.root,
            ...planEnv,
          },
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        });
        steps.push({ argv, ms: Math.round(performance.now() - t0) });
        if (result.status !== 0 && args.expect !== 'ANY')
          throw new Error(
            `replay: ${argv.join(' ')} exited ${result.status ?? result.signal}: ${(result.stderr || result.stdout || String(result.error)).slice(-2000)}`,
          );
        break;
      }
      case 'directory':
        exported = hostPath(String(args.path));
        break;
      case 'export':
        break;
      default:
        throw new Error(`replay: the plan step ${field} is not one the replay knows`);
    }
  }
  if (!exported) throw new Error('replay: the plan exports no directory');
  return { exported, steps, image };
}
