import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findProjects } from './projects.js';

describe('findProjects', () => {
  it('finds every package of this workspace from its root', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const projects = findProjects(root);
    expect(projects).toContain('.');
    expect(projects).toContain('packages/core');
    expect(projects).toContain('packages/lint');
    expect(projects).toContain('apps/pipeline');
  });

  it('takes a folder with its own tsconfig.json as the one project', () => {
    expect(findProjects(fileURLToPath(new URL('..', import.meta.url)))).toEqual(['.']);
  });
});
