import { execFileSync } from 'node:child_process';
import { readFile, rm, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEnd, runBoundedBin } from './support/bounded-bin.js';
import { errorLines, hasStackTrace } from './support/cli.js';
import { makePublishedPveRoot } from './support/published-root.js';
import { cell, record } from './support/record.js';
import { copyRoot } from './support/roots.js';

/*
 * Inputs that are not regular files (issue 16, class 1). A named pipe without a writer used to
 * hang the run forever (holding the run lock); /dev/zero, directly or through a link, was read
 * until the memory ran out. Every input must be refused before it is read: exit 3, one line
 * that names it and says what it is. Each run is the real bin under a watchdog (1 GiB resident,
 * 30 s) that only turns a regression into a failed row instead of a hung suite.
 */

interface Kind {
  label: string;
  /** Makes the input at `path` (undefined: `path` is fixed, e.g. /dev/zero). */
  make?: (path: string) => Promise<void>;
  fixed?: string;
  /** What the one line must say the input is. */
  is: RegExp;
}

const mkfifo = async (path: string): Promise<void> => {
  execFileSync('mkfifo', [path]);
};

const KINDS: Kind[] = [
  { label: 'a named pipe', make: mkfifo, is: /is a named pipe, not a regular file/ },
  {
    label: 'a link to a named pipe',
    make: async (path) => {
      await mkfifo(`${path}.fifo`);
      await symlink(`${path}.fifo`, path);
    },
    is: /\(a link to .+\.fifo\) is a named pipe, not a regular file/,
  },
  { label: '/dev/zero', fixed: '/dev/zero', is: /\/dev\/zero is a character device, not a regular file/ },
  {
    label: 'a link to /dev/zero',
    make: (path) => symlink('/dev/zero', path),
    is: /\(a link to \/dev\/zero\) is a character device, not a regular file/,
  },
];

let base: string;
const roots: string[] = [];

beforeAll(async () => {
  base = await makePublishedPveRoot('nonregular-base');
});

afterAll(async () => {
  await Promise.all([base, ...roots].map((root) => rm(root, { recursive: true, force: true })));
});

/** A command that reads one input; `input` is where the non-regular file is, relative to the root. */
interface Reader {
  label: string;
  /** Where the input is placed (undefined: anywhere, `input.json`). */
  place?: string;
  /** True when only a made input fits (a fixed path such as /dev/zero has the wrong name or place). */
  madeOnly?: boolean;
  argv: (input: string) => string[];
  /** Whether the published specs/ must be checked to be unchanged. */
  publishes?: boolean;
}

const READERS: Reader[] = [
  { label: 'generate --input', argv: (i) => ['generate', '--api', 'pve', '--input', i, '--out-dir', 'gen'] },
  {
    label: 'fetch --source FILE',
    argv: (i) => ['fetch', '--api', 'pve', '--source', i, '--out', 'out.json'],
  },
  {
    label: 'pipeline --source FILE',
    argv: (i) => ['pipeline', '--api', 'pve', '--source', `pve=${i}`, '--no-cache', '--lock-timeout', '0'],
    publishes: true,
  },
  {
    label: 'pipeline --offline, the committed snapshot',
    place: 'specs/pve/apidoc.json',
    madeOnly: true,
    argv: () => ['pipeline', '--api', 'pve', '--offline', '--no-cache', '--lock-timeout', '0'],
    publishes: true,
  },
  { label: 'validate SPEC', madeOnly: true, argv: (i) => ['validate', i] },
  { label: 'validate --apidoc', argv: (i) => ['validate', 'specs/pve/pve-api.json', '--apidoc', i] },
  { label: 'stats SPEC', madeOnly: true, argv: (i) => ['stats', i] },
];

const PUBLISHED = ['specs/manifest.json', 'specs/pve/pve-api.json', 'specs/pve/pve-api.yaml'];

describe('inputs that are not regular files: refused before a byte is read', () => {
  for (const reader of READERS) {
    for (const kind of KINDS) {
      if (kind.fixed !== undefined && reader.madeOnly) continue;
      it(`${reader.label}: ${kind.label}`, async (context) => {
        const root = await copyRoot(base, 'nonregular');
        roots.push(root);
        const before = await Promise.all(PUBLISHED.map((p) => readFile(join(root, p))));
        let input = kind.fixed ?? reader.place ?? 'input.json';
        if (kind.make) {
          if (reader.place) await unlink(join(root, reader.place));
          await kind.make(join(root, input));
        } else input = kind.fixed as string;
        const result = await runBoundedBin(reader.argv(input), root);
        const line = errorLines(result)[0] ?? result.stderr;
        record(context, {
          category: 'not-a-file',
          case: `${reader.label}: ${kind.label}`,
          expected: 'exit 3, one line: not a regular file',
          produced: cell(describeEnd(result, line)),
        });
        expect(result.stopped).toBeUndefined();
        expect(result.exitCode, result.stderr).toBe(3);
        expect(errorLines(result)).toHaveLength(1);
        expect(line).toMatch(kind.is);
        expect(hasStackTrace(result.stderr)).toBe(false);
        if (reader.publishes) {
          // The run was refused before it published: the documents and manifest are as they were.
          const after = await Promise.all(PUBLISHED.map((p) => readFile(join(root, p))));
          expect(after).toEqual(before);
        }
      });
    }
  }
});
