import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// A guard beside the behavioural tests: no source file of this package (tests aside) may
// contain a way to run text as code, so no later change can start evaluating apidoc.js.
const sources = readdirSync(new URL('.', import.meta.url)).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
);

describe('the package source', () => {
  it('has files to check', () => {
    expect(sources).toContain('parse-apidoc.ts');
    expect(sources).toContain('fetch-apidoc.ts');
  });

  it.each(sources)('%s has no eval, Function, vm, dynamic import or require', (file) => {
    const text = readFileSync(new URL(file, import.meta.url), 'utf8');
    expect(text).not.toMatch(/\beval\s*\(/);
    expect(text).not.toMatch(/\bnew\s+Function\b|\bFunction\s*\(/);
    expect(text).not.toMatch(/['"]node:vm['"]|['"]vm['"]/);
    expect(text).not.toMatch(/\bimport\s*\(/);
    expect(text).not.toMatch(/\brequire\s*\(/);
    expect(text).not.toMatch(/data:text\/javascript|new\s+Worker\b/);
  });
});
