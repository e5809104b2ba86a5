import type { Container, Directory, File, ReturnType } from '@dagger.io/dagger';

// `ReturnType` is an enum of the SDK; its value is spelled out so that this file needs only the
// SDK's types (the value is what the GraphQL API takes).
const ANY_EXIT = 'ANY' as ReturnType;

/** Something a command reads, put at `path` in the container before it runs. */
export type RunInput =
  /** A file, mounted (it never becomes part of the container's own files). */
  | { readonly path: string; readonly file: File }
  /** A folder, copied in. */
  | { readonly path: string; readonly directory: Directory }
  /** A file written from text (a job description, a small script). */
  | { readonly path: string; readonly contents: string };

/** One command to run in a workspace container. */
export interface WorkspaceRun {
  /** The program and its arguments, run in the container's working directory. */
  readonly argv: readonly string[];
  readonly inputs?: readonly RunInput[];
  /** Folders made before it runs, for the outputs the caller exports afterwards. */
  readonly outputDirs?: readonly string[];
  /**
   * Keep the chain going whatever the exit code, so that the caller can read the code, the
   * output and what was written (a report of findings, the fixed sources). Otherwise a
   * non-zero exit fails the chain.
   */
  readonly anyExitCode?: boolean;
}

/**
 * Runs one command in a workspace container, with its inputs in place and its output folders
 * made: the one way every caller (the Dagger module, the CLI's `--engine dagger`, the
 * pipeline's target containers) runs something in the workspace. What the command is stays
 * with the caller; this builder only knows containers.
 */
export function withWorkspaceRun(container: Container, run: WorkspaceRun): Container {
  let c = container;
  for (const input of run.inputs ?? []) {
    if ('file' in input) c = c.withMountedFile(input.path, input.file);
    else if ('directory' in input) c = c.withDirectory(input.path, input.directory);
    else c = c.withNewFile(input.path, input.contents);
  }
  for (const dir of run.outputDirs ?? []) c = c.withExec(['mkdir', '-p', dir]);
  return c.withExec([...run.argv], run.anyExitCode ? { expect: ANY_EXIT } : undefined);
}
