import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A guard beside the behavioural tests: no source file of this package (tests aside), and no
// file of the parser it runs from core, may contain a way to run text as code, so no later
// change can start evaluating apidoc.js.
const here = dirname(fileURLToPath(import.meta.url));
const parserDir = join(dirname(fileURLToPath(import.meta.resolve('@proxmox-openapi/core'))), 'apidoc');
const sources = [
  ...readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(here, f)),
  ...readdirSync(parserDir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(parserDir, f)),
];

describe('the package source and the parser it uses', () => {
  it('has files to check', () => {
    expect(sources.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(
      expect.arrayContaining(['fetch-apidoc.ts', 'parse-apidoc.js', 'json-scan.js', 'read-apidoc-file.js']),
    );
  });

  it.each(sources)('%s has no eval, Function, vm, dynamic import or require', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/\beval\s*\(/);
    expect(text).not.toMatch(/\bnew\s+Function\b|\bFunction\s*\(/);
    expect(text).not.toMatch(/['"]node:vm['"]|['"]vm['"]/);
    expect(text).not.toMatch(/\bimport\s*\(/);
    expect(text).not.toMatch(/\brequire\s*\(/);
    expect(text).not.toMatch(/data:text\/javascript|new\s+Worker\b/);
  });
});
