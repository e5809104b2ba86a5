import { basename, resolve } from 'node:path';
import type { Client, Container, ReturnType } from '@dagger.io/dagger';
import { type CommandIo, UsageError } from '@proxmox-openapi/core';
import {
  CACHE_MOUNTS,
  getBuiltWorkspace,
  getWorkspaceSources,
  PIPELINE_BIN,
  WORKSPACE_EXCLUDES,
  withApidocCache,
  withFreshDownloads,
} from '@proxmox-openapi/core/dagger';
import { openDaggerSession } from './dagger-engine.js';

/*
 * `fetch`, `generate`, `validate` and `lint` with `--engine dagger`: the same sub-command, run
 * by the CLI inside the built workspace container. Its file arguments are mounted under `/io`
 * and its outputs exported back to the paths the user gave, so the command line is the same
 * for both engines. (The engine seam covers the pipeline's targets only; this is the
 * counterpart for the single-stage commands.)
 */

/** The sub-commands that can run with `--engine dagger`. */
export const DAGGER_COMMANDS = ['fetch', 'generate', 'validate', 'lint'] as const;
export type DaggerCommandName = (typeof DAGGER_COMMANDS)[number];

/** A host path that goes into or comes out of the container. */
export interface Mount {
  host: string;
  container: string;
  kind: 'file' | 'directory';
}

/** How one invocation runs in a container. */
export interface DaggerCommandPlan {
  /** The arguments after `proxmox-openapi`, with container paths. */
  args: string[];
  inputs: Mount[];
  outputs: Mount[];
  /** It downloads: never replay it from the engine's cache, and keep the download cache. */
  downloads: boolean;
  /** `lint --fix`: the fixed sources go back to the repository. */
  exportSources: boolean;
}

// Which options of each command name files, per the command-line contract (DESIGN.md).
const FILE_OPTIONS: Record<DaggerCommandName, { inputs: string[]; outputs: Record<string, Mount['kind']> }> =
  {
    fetch: { inputs: ['--source'], outputs: { '--out': 'file' } },
    generate: { inputs: ['--input'], outputs: { '--out-dir': 'directory' } },
    validate: { inputs: ['--apidoc'], outputs: { '--report': 'file' } },
    lint: { inputs: [], outputs: {} },
  };
const VALUE_OPTIONS = new Set([
  '--api',
  '--source',
  '--out',
  '--cache-dir',
  '--retries',
  '--timeout-ms',
  '--max-bytes',
  '--input',
  '--out-dir',
  '--openapi',
  '--version',
  '--apidoc',
  '--report',
  '--engine',
]);

const isUrl = (value: string) => /^https?:\/\//i.test(value);

/**
 * Plans a sub-command for a container: drops `--engine`, mounts its input files, and redirects
 * its outputs to folders that are exported afterwards.
 * @throws UsageError for a command that cannot run in a container or an option without a value.
 */
export function planDaggerCommand(name: string, argv: readonly string[], cwd: string): DaggerCommandPlan {
  if (!(DAGGER_COMMANDS as readonly string[]).includes(name)) {
    throw new UsageError(
      `--engine dagger: ${name} cannot run in a container (only ${DAGGER_COMMANDS.join(', ')})`,
    );
  }
  const spec = FILE_OPTIONS[name as DaggerCommandName];
  const plan: DaggerCommandPlan = {
    args: [name],
    inputs: [],
    outputs: [],
    downloads: false,
    exportSources: false,
  };
  const input = (path: string, kind: Mount['kind'] = 'file') => {
    const mount = {
      host: resolve(cwd, path),
      container: `/io/in/${plan.inputs.length}/${basename(path)}`,
      kind,
    };
    plan.inputs.push(mount);
    return mount.container;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_OPTIONS.has(flag)) {
      if (arg === '--fix') plan.exportSources = true;
      // validate's SPEC is its one positional: a file to read.
      plan.args.push(name === 'validate' && !arg.startsWith('-') ? input(arg) : arg);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    if (flag === '--engine') continue;
    if (flag === '--cache-dir') continue; // replaced by the download cache volume below
    let mapped = value;
    if (spec.inputs.includes(flag) && !isUrl(value)) mapped = input(value);
    const outputKind = spec.outputs[flag];
    if (outputKind) {
      const container =
        outputKind === 'file'
          ? `/io/out/${plan.outputs.length}/${basename(value)}`
          : `/io/out/${plan.outputs.length}`;
      plan.outputs.push({ host: resolve(cwd, value), container, kind: outputKind });
      mapped = container;
    }
    plan.args.push(flag, mapped);
  }
  if (name === 'fetch') {
    // Without a --source FILE, fetch downloads (the viewer URL or a --source URL).
    plan.downloads = plan.inputs.length === 0;
    plan.args.push('--cache-dir', CACHE_MOUNTS.apidoc.path);
  }
  return plan;
}

const ANY_EXIT = 'ANY' as ReturnType;

/** The container for a plan: the built workspace, its inputs, the command (any exit code). */
export function withDaggerCommand(
  container: Container,
  client: Client,
  plan: DaggerCommandPlan,
  stamp: string,
): Container {
  let c = container;
  for (const m of plan.inputs) {
    c =
      m.kind === 'file'
        ? c.withMountedFile(m.container, client.host().file(m.host))
        : c.withMountedDirectory(m.container, client.host().directory(m.host));
  }
  for (const m of plan.outputs) {
    c = c.withExec([
      'mkdir',
      '-p',
      m.kind === 'file' ? m.container.slice(0, m.container.lastIndexOf('/')) : m.container,
    ]);
  }
  if (plan.downloads) c = withFreshDownloads(withApidocCache(c, client), stamp);
  return c.withExec(['node', PIPELINE_BIN, ...plan.args], { expect: ANY_EXIT });
}

/**
 * Runs `proxmox-openapi <name> …` in a container of the built workspace and returns its exit
 * code; its output goes to `io`, its files to the paths the user gave.
 * @throws UsageError (one line, naming `--engine local`) when no engine can be reached.
 */
export async function runDaggerCommand(
  name: string,
  argv: readonly string[],
  io: CommandIo,
  root: string,
): Promise<number> {
  const plan = planDaggerCommand(name, argv, io.cwd);
  // The SDK reads the process's environment, so the check does too.
  const session = await openDaggerSession(process.env);
  try {
    const { client } = session;
    const source = client.host().directory(root, { exclude: [...WORKSPACE_EXCLUDES] });
    const done = withDaggerCommand(getBuiltWorkspace(client, source), client, plan, new Date().toISOString());
    const [code, stdout, stderr] = await Promise.all([done.exitCode(), done.stdout(), done.stderr()]);
    io.stdout.write(stdout);
    io.stderr.write(stderr);
    // A command that failed may have written nothing; what it did write still comes back.
    if (code <= 1) {
      await Promise.all(
        plan.outputs.map((m) =>
          m.kind === 'file'
            ? done.file(m.container).export(m.host)
            : done.directory(m.container).export(m.host),
        ),
      );
    }
    if (plan.exportSources) await getWorkspaceSources(done).export(root);
    return code;
  } finally {
    await session.close();
  }
}
