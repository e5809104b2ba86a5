import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findOutsidePaths, isCheckedFile } from './outside-paths.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The files git tracks, as a clone on GitHub has them. */
function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

function packageFoldersOf(files: string[]): Set<string> {
  return new Set(files.filter((f) => posix.basename(f) === 'package.json').map((f) => posix.dirname(f)));
}

describe('the repository is self-contained', () => {
  it('has no tracked source, config or script file that refers to a path outside the root', () => {
    const files = trackedFiles();
    const checked = files.filter(isCheckedFile);
    // The check must have read the tree, not an empty list (a missing .git, a wrong cwd).
    expect(checked).toContain('package.json');
    expect(checked).toContain('turbo.json');
    expect(checked.length).toBeGreaterThan(100);
    const packages = packageFoldersOf(files);
    const found = checked.flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return findOutsidePaths(file, text, packages);
    });
    expect(found.map((f) => `${f.file}:${f.line}: ${f.text} ${f.why}`)).toEqual([]);
  });
});

describe('findOutsidePaths', () => {
  const packages = new Set(['packages/spec-generate', 'dagger', 'apps/pipeline']);
  const find = (file: string, text: string): string[] =>
    findOutsidePaths(file, text, packages).map((f) => `${f.line} ${f.text}`);

  it('finds the climbs that the fixtures once made to a folder beside the clone', () => {
    const file = 'packages/spec-generate/src/test-support/fixtures.ts';
    // The text of a template literal: `\u0024{file}` keeps it from being one here.
    const climb = '../../../../../shared/fixtures/apidoc/\u0024{file}';
    expect(find(file, `return new URL(\`${climb}\`, import.meta.url);`)).toEqual([`1 ${climb}`]);
    // One level less is the repository root itself: inside.
    expect(find(file, "new URL('../../../../', import.meta.url)")).toEqual([]);
    expect(find(file, "x\nreadFileSync(join(here, '..', '..', '..', '..', '..', 'shared'))")).toEqual([
      '2 ../../../../..',
    ]);
    expect(find('vitest.shared.ts', "const up = resolve('..');")).toEqual(['1 ..']);
    expect(find('.ci/run', 'cd "$(dirname "$0")/.."')).toEqual([]);
  });

  it('reads scripts and workflows against the working directory, modules against their folder', () => {
    expect(find('packages/spec-generate/package.json', '"bench": "node ../../../shared/bench.js"')).toEqual([
      '1 ../../../shared/bench.js',
    ]);
    expect(find('.github/workflows/ci.yml', '      - run: cp -r ../shared/fixtures x')).toEqual([
      '1 ../shared/fixtures',
    ]);
    // `dagger/src/index.ts` imports core's sources from the root: inside, though above its package.
    expect(find('dagger/src/index.ts', "import { x } from '../../packages/core/src/targets.js';")).toEqual(
      [],
    );
  });

  it('finds absolute paths into home and workspace folders', () => {
    expect(find('apps/pipeline/src/a.ts', "readFile('/work/shared/fixtures/x.json')")).toEqual([
      '1 /work/shared/fixtures/x.json',
    ]);
    expect(
      find('apps/pipeline/src/a.ts', "const home = '/home/runner/x'; const mac = '/Users/me/y';"),
    ).toEqual(['1 /home/runner/x', '1 /Users/me/y']);
  });

  it('leaves paths inside the repository, spreads, URLs and temporary folders alone', () => {
    const text = [
      "import { a } from '../core/index.js';",
      "const root = new URL('../../../', import.meta.url);",
      'const all = [...rest, ...more];',
      "const url = 'https://pve.proxmox.com/home/x';",
      "const tmp = '/tmp/pbs';",
      'const range = [1..2];',
    ].join('\n');
    expect(find('apps/pipeline/src/engines/x.ts', text)).toEqual([]);
  });

  it('skips data and prose', () => {
    expect(isCheckedFile('specs/pve/pve-api.json')).toBe(false);
    expect(isCheckedFile('packages/test-fixtures/apidoc/pve-apidoc-2026-08-16.json.gz')).toBe(false);
    expect(isCheckedFile('apps/pipeline/test/hardening/corpus/expression-plus.js')).toBe(false);
    expect(isCheckedFile('README.md')).toBe(false);
    expect(isCheckedFile('test/self-contained.test.ts')).toBe(false);
    expect(isCheckedFile('.ci/run')).toBe(true);
    expect(isCheckedFile('packages/core/src/targets.ts')).toBe(true);
  });
});
