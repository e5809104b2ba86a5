import { basename, resolve } from 'node:path';
import type { Client, Container } from '@dagger.io/dagger';
import { UsageError } from '@proxmox-openapi/core';
import {
  CACHE_MOUNTS,
  getBuiltWorkspace,
  getWorkspaceSources,
  WORKSPACE_EXCLUDES,
  withApidocCache,
  withFreshDownloads,
  withWorkspaceRun,
} from '@proxmox-openapi/core/dagger';
import type { CommandIo } from '../cli/command-io.js';
import { type CommandShape, isUrl } from '../cli/declare-command.js';
import { parseArguments } from '../cli/parse-arguments.js';
import { findWorkspaceRoot } from '../cli/workspace-root.js';
import { openDaggerSession } from './dagger-engine.js';
import { CONTAINER_CLI } from './dagger-job.js';

/*
 * A command that declares `engine: 'whole'` (fetch, generate, validate, lint) with
 * `--engine dagger`: the same sub-command, run by the CLI inside the built workspace container.
 * Its arguments are parsed here first, with the declaration that parses them locally, so both
 * engines refuse the same mistakes in the same words; then the options the declaration marks
 * as files are mounted under `/io` and its outputs exported back to the paths the user gave.
 * (The engine seam covers the pipeline's targets only; this is the counterpart for the
 * single-stage commands.)
 */

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
  /** A flag marked `changesSources` was given (`lint --fix`): the sources go back to the repository. */
  exportSources: boolean;
}

/**
 * Plans a command for a container from its declaration: input files are mounted, outputs are
 * redirected to folders that are exported afterwards, a `download-cache` option is replaced by
 * the engine's cache volume, and the command downloads when it has such an option and reads
 * no input file. Options left at their default are not repeated.
 * @throws UsageError for a command that does not run in a container, or arguments its
 *   declaration refuses.
 */
export function planDaggerCommand(
  command: CommandShape,
  argv: readonly string[],
  cwd: string,
): DaggerCommandPlan {
  if (command.engine !== 'whole') {
    throw new UsageError(`--engine dagger: ${command.name} cannot run in a container`);
  }
  const { values, positionals } = parseArguments(command, argv);
  const plan: DaggerCommandPlan = {
    args: [command.name],
    inputs: [],
    outputs: [],
    downloads: false,
    exportSources: false,
  };
  const input = (path: string): string => {
    const mount: Mount = {
      host: resolve(cwd, path),
      container: `/io/in/${plan.inputs.length}/${basename(path)}`,
      kind: 'file',
    };
    plan.inputs.push(mount);
    return mount.container;
  };
  for (const positional of positionals) {
    plan.args.push(command.positionals?.file === 'input' ? input(positional) : positional);
  }
  let downloadCache: string | undefined;
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name];
    if (spec.type === 'boolean') {
      if (value !== true) continue;
      plan.args.push(`--${name}`);
      if (spec.changesSources) plan.exportSources = true;
      continue;
    }
    if (spec.file === 'download-cache') {
      downloadCache = name;
      continue;
    }
    for (const given of typeof value === 'string' ? [value] : Array.isArray(value) ? value : []) {
      if (given === spec.default) continue;
      let mapped = given;
      if (spec.file === 'input' && !isUrl(given)) mapped = input(given);
      if (spec.file === 'output-file' || spec.file === 'output-dir') {
        const index = plan.outputs.length;
        const file = spec.file === 'output-file';
        const container = file ? `/io/out/${index}/${basename(given)}` : `/io/out/${index}`;
        plan.outputs.push({ host: resolve(cwd, given), container, kind: file ? 'file' : 'directory' });
        mapped = container;
      }
      plan.args.push(`--${name}`, mapped);
    }
  }
  if (downloadCache !== undefined) {
    plan.downloads = plan.inputs.length === 0;
    plan.args.push(`--${downloadCache}`, CACHE_MOUNTS.apidoc.path);
  }
  return plan;
}

/** The container for a plan: the built workspace, its inputs, the command (any exit code). */
export function withDaggerCommand(
  container: Container,
  client: Client,
  plan: DaggerCommandPlan,
  stamp: string,
): Container {
  const cached = plan.downloads ? withFreshDownloads(withApidocCache(container, client), stamp) : container;
  return withWorkspaceRun(cached, {
    argv: ['node', CONTAINER_CLI, ...plan.args],
    inputs: plan.inputs.map((m) => ({ path: m.container, file: client.host().file(m.host) })),
    outputDirs: plan.outputs.map((m) =>
      m.kind === 'file' ? m.container.slice(0, m.container.lastIndexOf('/')) : m.container,
    ),
    anyExitCode: true,
  });
}

/**
 * Runs a command in a container of the built workspace and returns its exit code; its output
 * goes to `io`, its files to the paths the user gave.
 * @throws UsageError for arguments the command refuses, PipelineError (one line, naming
 *   `--engine local`) when no engine can be reached.
 */
export async function runInContainer(
  command: CommandShape,
  argv: readonly string[],
  io: CommandIo,
): Promise<number> {
  const plan = planDaggerCommand(command, argv, io.cwd);
  const root = findWorkspaceRoot(io.cwd);
  // The SDK reads the process's environment, so the check does too.
  const session = await openDaggerSession(process.env);
  try {
    const { client } = session;
    const source = client.host().directory(root, { exclude: [...WORKSPACE_EXCLUDES] });
    const workspace = getBuiltWorkspace(client, source, command.containerBuild ?? 'cli');
    const done = withDaggerCommand(workspace, client, plan, new Date().toISOString());
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
