/** Where a command reads its environment and writes its output; tests pass their own. */
export interface CommandIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** `--quiet`: progress lines are left out too; warnings and errors still show. */
  quiet?: boolean;
}

/** The same io with standard output dropped: what `--quiet` gives a command. */
export function quietIo(io: CommandIo): CommandIo {
  return { ...io, stdout: { write: () => true, isTTY: false }, quiet: true };
}
