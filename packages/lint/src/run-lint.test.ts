import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLintResult } from './format-result.js';
import { runLint } from './run-lint.js';

const CLEAN = `export function add(a: number, b: number): number {\n  return a + b;\n}\n`;
// Formatted and lint-clean, but a type error on line 4.
const WRONG_TYPE = `${CLEAN}export const wrong: number = true;\n`;

/** A tiny real project: its own biome.json and tsconfig.json, and the given source file. */
async function project(source: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lint-stage-'));
  // Written in the layout Biome itself prints, since the config file is checked too.
  await writeFile(
    join(dir, 'biome.json'),
    '{\n  "formatter": { "indentStyle": "space", "indentWidth": 2 },\n  "linter": { "rules": { "preset": "recommended" } }\n}\n',
  );
  // `lib` named: the default of an ES2022 target takes in the DOM too, and reading those
  // declarations was three quarters of each tsc run here (2.9 s of CPU against 0.7 s).
  const compilerOptions = { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', lib: ['ES2022'] };
  // Biome writes a short array on one line, and checks this file too.
  const tsconfig = JSON.stringify({ compilerOptions }, null, 2).replace(/\[\s+("ES2022")\s+\]/, '[$1]');
  await writeFile(join(dir, 'tsconfig.json'), `${tsconfig}\n`);
  await writeFile(join(dir, 'main.ts'), source);
  return dir;
}

// Each case starts Biome and tsc as real processes: on a loaded two-core machine that takes long,
// which the workspace's generous hang guard (vitest.shared.ts) allows for.
describe('runLint', () => {
  it('passes a clean project', async () => {
    const result = await runLint({ cwd: await project(CLEAN) });
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.tools.map((t) => [t.tool, t.ok])).toEqual([
      ['format', true],
      ['lint', true],
      ['typecheck', true],
    ]);
  });

  it('names the file and line of a formatting error and of a type error', async () => {
    const source = `${CLEAN}\nexport const   spaced = 1;\nexport const wrong: number = 'text';\n`;
    const result = await runLint({ cwd: await project(source) });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ tool: 'format', file: 'main.ts', line: 5 }),
    );
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ tool: 'typecheck', file: 'main.ts', line: 6, rule: 'TS2322' }),
    );
    const text = formatLintResult(result);
    expect(text).toContain('main.ts:5:1 format');
    expect(text).toContain('main.ts:6:14 typecheck TS2322');
    expect(text).toMatch(/lint failed: format, typecheck$/m);
  });

  it('reports lint rules with their name', async () => {
    const result = await runLint({ cwd: await project(`${CLEAN}export let never = 1;\n`) });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ tool: 'lint', rule: 'lint/style/useConst', file: 'main.ts', line: 4 }),
    );
  });

  it('repairs formatting in fix mode and then passes', async () => {
    const dir = await project(`export const   spaced  =  1\n`);
    const result = await runLint({ cwd: dir, fix: true });
    expect(result.ok).toBe(true);
    expect(await readFile(join(dir, 'main.ts'), 'utf8')).toBe('export const spaced = 1;\n');
  });

  it('says which tool could not run instead of passing', async () => {
    const result = await runLint({
      cwd: await project(CLEAN),
      projects: ['does-not-exist'],
      only: 'typecheck',
    });
    expect(result.ok).toBe(false);
    expect(result.tools.map((t) => t.tool)).toEqual(['typecheck']);
    expect(result.tools.find((t) => t.tool === 'typecheck')?.failure).toMatch(/does-not-exist/);
  });

  it('runs Biome alone, and passes a formatted file that tsc would refuse', async () => {
    const result = await runLint({ cwd: await project(WRONG_TYPE), only: 'biome' });
    expect(result.tools.map((t) => [t.tool, t.ok])).toEqual([
      ['format', true],
      ['lint', true],
    ]);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(formatLintResult(result)).not.toContain('typecheck');
  });

  it('runs tsc alone on a named tsconfig file, ignores what only Biome would refuse, lists a problem once', async () => {
    const dir = await project(`${WRONG_TYPE}export const   spaced = 1;\n`);
    await writeFile(join(dir, 'tsconfig.other.json'), await readFile(join(dir, 'tsconfig.json')));
    // Two projects over the same file: its problem is listed once.
    const result = await runLint({ cwd: dir, only: 'typecheck', projects: ['tsconfig.other.json', '.'] });
    expect(result.tools.map((t) => [t.tool, t.ok])).toEqual([['typecheck', false]]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ tool: 'typecheck', file: 'main.ts', line: 4, rule: 'TS2322' }),
    ]);
    expect(result.ok).toBe(false);
  });
});
