import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type TestContext } from 'vitest';
import { type BoundedResult, describeEnd, runBoundedBin } from './bounded-bin.js';
import { errorLines, hasStackTrace } from './cli.js';
import { cell, record } from './record.js';

/*
 * The output-target cases that several commands share (issue 16, class 3): the same target in
 * the case's own folder (`full`, a private char 1,7 node; `stdout-link`, a link to this
 * process's stdout; `folder`), the same expected end, one row each in the hardening table.
 */

/** A command writing to one output option, run in `root` with the target's name. */
export interface OutputTarget {
  root: string;
  /** The command line with the target in place of the output (`['validate', SPEC, '--report', target]`). */
  argv(target: string): string[];
  /** The option as the table and the messages name it: `validate --report`. */
  label: string;
}

/** A full device: exit 3, one line `cannot write <what> to …/full: ENOSPC`; the node stays a device. */
export async function fullDeviceCase(
  context: Pick<TestContext, 'task'>,
  target: OutputTarget,
  what: string,
): Promise<BoundedResult> {
  const result = await runBoundedBin(target.argv('full'), target.root);
  const line = errorLines(result)[0] ?? '';
  record(context, {
    category: 'output',
    case: `${target.label} <char device 1,7 (/dev/full)>`,
    expected: 'exit 3, one line ENOSPC; still a device',
    produced: cell(describeEnd(result, line)),
  });
  expect(result.stopped).toBeUndefined();
  expect(result.exitCode, result.stderr).toBe(3);
  expect(errorLines(result)).toHaveLength(1);
  expect(line).toMatch(new RegExp(`cannot write ${what} to .*/full: ENOSPC`));
  expect((await lstat(join(target.root, 'full'))).isCharacterDevice()).toBe(true);
  expect(hasStackTrace(result.stderr)).toBe(false);
  return result;
}

/**
 * A folder: exit 2 and the one line `<command>: <option> <folder> is a folder; name a file`,
 * said before any work (`expected` says which work, for the table).
 */
export async function folderCase(
  context: Pick<TestContext, 'task'>,
  target: OutputTarget,
  expected: string,
): Promise<BoundedResult> {
  const result = await runBoundedBin(target.argv('folder'), target.root);
  const line = errorLines(result)[0] ?? '';
  record(context, {
    category: 'output',
    case: `${target.label} <a folder>`,
    expected,
    produced: cell(describeEnd(result, line)),
  });
  expect(result.stopped).toBeUndefined();
  expect(result.exitCode, result.stderr).toBe(2);
  const [command, option] = target.label.split(' ');
  expect(errorLines(result)).toEqual([
    `proxmox-openapi ${command}: ${option} ${join(target.root, 'folder')} is a folder; name a file`,
  ]);
  return result;
}

/**
 * A link to this process's stdout: exit 0, the report arrives on stdout (`readReport` finds it
 * there and says what it shows, or undefined), and the link stays a link.
 */
export async function stdoutLinkCase(
  context: Pick<TestContext, 'task'>,
  target: OutputTarget,
  readReport: (stdout: string) => string | undefined,
): Promise<void> {
  const result = await runBoundedBin(target.argv('stdout-link'), target.root);
  const shown = readReport(result.stdout);
  record(context, {
    category: 'output',
    case: `${target.label} <link to /proc/self/fd/1 (stdout)>`,
    expected: 'exit 0, the JSON report on stdout; link kept',
    produced: cell(describeEnd(result, shown ?? 'no report on stdout')),
  });
  expect(result.stopped).toBeUndefined();
  expect(result.exitCode, result.stderr).toBe(0);
  expect(shown).toBeDefined();
  expect((await lstat(join(target.root, 'stdout-link'))).isSymbolicLink()).toBe(true);
}
