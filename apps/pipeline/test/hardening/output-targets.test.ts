import { execFileSync } from 'node:child_process';
import { lstat, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnd, runBoundedBin } from './support/bounded-bin.js';
import { errorLines, runCli } from './support/cli.js';
import {
  folderCase,
  fullDeviceCase,
  type OutputTarget,
  stdoutLinkCase,
} from './support/output-target-cases.js';
import { cell, record } from './support/record.js';
import { makeRoot, SLICES } from './support/roots.js';

/*
 * Output targets that are not regular files (issue 16, class 3), through `validate --report`
 * (core's writeOutputFile; the pipeline's own --report is the app's to switch over). A report
 * used to be renamed over whatever the path named: a device node became a regular file and
 * /dev/full "worked". Every target here lives in the case's own folder (a private char 1,7
 * node, a link to this process's stdout), so that no run, old or new, can replace anything
 * shared such as /dev/stdout.
 */

let root: string;

beforeAll(async () => {
  root = await makeRoot('output-targets');
  await writeFile(join(root, 'pve.json'), SLICES.pveOld());
  const generated = await runCli(
    ['generate', '--api', 'pve', '--input', 'pve.json', '--out-dir', 'gen'],
    root,
  );
  expect(generated.exitCode, generated.stderr).toBe(0);
  execFileSync('mknod', [join(root, 'full'), 'c', '1', '7']);
  execFileSync('mkfifo', [join(root, 'pipe')]);
  await symlink('/proc/self/fd/1', join(root, 'stdout-link'));
  await mkdir(join(root, 'folder'));
}, 120_000);

afterAll(() => rm(root, { recursive: true, force: true }));

const SPEC = 'gen/pve-api.json';

/** `validate SPEC --report <target>` in the case's folder. */
const report = (): OutputTarget => ({
  root,
  argv: (target) => ['validate', SPEC, '--report', target],
  label: 'validate --report',
});

describe('validate --report to a target that is not a regular file', () => {
  it('a full device (a private /dev/full): exit 3, one line; the node stays a device', async (context) => {
    await fullDeviceCase(context, report(), 'the report');
  });

  it('a link to this process stdout: the report arrives on stdout; the link stays', async (context) => {
    await stdoutLinkCase(context, report(), (stdout) => {
      const json = stdout.slice(stdout.indexOf('\n{') + 1);
      return (JSON.parse(json) as { valid: boolean }).valid
        ? `${json.length} bytes of report on stdout`
        : undefined;
    });
  });

  it('a named pipe without a reader: exit 3, one line, no waiting; the pipe stays', async (context) => {
    const result = await runBoundedBin(['validate', SPEC, '--report', 'pipe'], root);
    const line = errorLines(result)[0] ?? '';
    record(context, {
      category: 'output',
      case: 'validate --report <named pipe without a reader>',
      expected: 'exit 3, one line: no reader; still a pipe',
      produced: cell(describeEnd(result, line)),
    });
    expect(result.stopped).toBeUndefined();
    expect(result.exitCode, result.stderr).toBe(3);
    expect(line).toMatch(/cannot write the report to .*\/pipe: the named pipe has no reader/);
    expect((await lstat(join(root, 'pipe'))).isFIFO()).toBe(true);
  });

  it('a folder: one line naming it, before the document is validated', async (context) => {
    const result = await folderCase(context, report(), 'exit 2, one line naming it, no validation');
    // Nothing was validated: no report line on stdout.
    expect(result.stdout).toBe('');
  });
});
