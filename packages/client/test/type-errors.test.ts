import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const DIRECTIVE = /^\s*\/\/ @ts-expect-error/;

describe('the typed scenario', () => {
  it('has a compile error on the line after each @ts-expect-error, and nowhere else', {
    timeout: 300_000,
  }, async () => {
    const source = await readFile(join(packageDir, 'test/typed-scenario.ts'), 'utf8');
    const lines = source.split('\n');
    const expected = lines.flatMap((line, index) => (DIRECTIVE.test(line) ? [index + 2] : []));
    expect(expected.length).toBeGreaterThanOrEqual(10);
    // The copy stays inside the package (in the git-ignored .cache/), so that its imports of
    // @proxmox-openapi/client/* resolve to this package's build, as a user's would.
    await mkdir(join(packageDir, '.cache'), { recursive: true });
    const dir = await mkdtemp(join(packageDir, '.cache', 'type-errors-'));
    try {
      const copy = lines.map((line) => (DIRECTIVE.test(line) ? '// (directive removed)' : line)).join('\n');
      await writeFile(join(dir, 'scenario.ts'), copy);
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: '../../tsconfig.json',
          compilerOptions: { rootDir: '.' },
          include: ['*.ts'],
        }),
      );
      const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
      const output = await run(process.execPath, [tsc, '-p', dir, '--pretty', 'false']).then(
        () => '',
        (error: { stdout: string }) => error.stdout,
      );
      const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
      const errorLines = errors.map((line) => Number(/scenario\.ts\((\d+),/.exec(line)?.[1]));
      expect(errors.every((line) => line.includes('scenario.ts('))).toBe(true);
      expect([...new Set(errorLines)].sort((a, b) => a - b)).toEqual(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
