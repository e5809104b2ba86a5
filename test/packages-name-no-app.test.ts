import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appCommands, appNamePattern, findAppNames } from './app-names.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The files git tracks, as a clone on GitHub has them. */
function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

describe('the packages know nothing of the app', () => {
  it('has no tracked file under packages/ that names the app, its bin or its commands', () => {
    const files = trackedFiles();
    const commands = appCommands(files);
    // The pattern must know the real commands, not an empty list (a moved folder, a wrong cwd).
    expect(commands).toEqual(expect.arrayContaining(['fetch', 'generate', 'validate', 'stats', 'pipeline']));
    const checked = files.filter((f) => f.startsWith('packages/'));
    expect(checked.length).toBeGreaterThan(100);
    const pattern = appNamePattern(commands);
    const found = checked.flatMap((file) => {
      const bytes = readFileSync(join(ROOT, file));
      // Binary and compressed data (gzipped fixtures, images) name nothing.
      if (bytes.includes(0)) return [];
      return findAppNames(file, bytes.toString('utf8'), pattern);
    });
    expect(found.map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });
});

describe('appNamePattern', () => {
  const pattern = appNamePattern(['fetch', 'stats', 'site']);
  const names = (text: string): string[] => findAppNames('x.md', text, pattern).map((f) => f.text);

  it('finds the app by its folder, its bin and its name used as a command', () => {
    expect(names('see apps/pipeline/README.md')).toEqual(['apps/pipeline']);
    expect(names('node apps/x/bin/proxmox-openapi.js')).toEqual(['bin/proxmox-openapi']);
    expect(names('proxmox-openapi stats specs/pve/pve-api.json')).toEqual(['proxmox-openapi stats']);
    expect(names('(run `proxmox-openapi fetch --api pve`)')).toEqual(['proxmox-openapi fetch']);
    expect(names('proxmox-openapi --version')).toEqual(['proxmox-openapi --v']);
    expect(names('the `proxmox-openapi` command line')).toEqual(['`proxmox-openapi`']);
  });

  it('leaves the npm scope, the repository, the markers, the lint bin and the project alone', () => {
    expect(names("import { x } from '@proxmox-openapi/core';")).toEqual([]);
    expect(names('https://github.com/proxmox-openapi/proxmox-openapi.git')).toEqual([]);
    expect(names('<!-- proxmox-openapi:stats:start -->')).toEqual([]);
    expect(names('"lint": "node bin/proxmox-openapi-lint.js --fix"')).toEqual([]);
    expect(names('Copyright (c) 2026 The proxmox-openapi contributors')).toEqual([]);
    expect(names('proxmox-openapi-lint --fix')).toEqual([]);
  });
});
