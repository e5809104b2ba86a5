import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Where TypeScript projects live in this workspace: packages/*, apps/* and the Dagger module.
const PROJECT_PARENTS = ['packages', 'apps'];
const STANDALONE_PROJECTS = ['dagger'];

/**
 * The TypeScript projects to typecheck from `cwd`: at a workspace root (pnpm-workspace.yaml)
 * every package, the Dagger module and the root's own project; elsewhere the folder itself.
 */
export function findProjects(cwd: string): string[] {
  const isWorkspaceRoot = existsSync(join(cwd, 'pnpm-workspace.yaml'));
  if (!isWorkspaceRoot) return existsSync(join(cwd, 'tsconfig.json')) ? ['.'] : [];
  const found: string[] = existsSync(join(cwd, 'tsconfig.json')) ? ['.'] : [];
  for (const parent of PROJECT_PARENTS) {
    const dir = join(cwd, parent);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (existsSync(join(dir, name, 'tsconfig.json'))) found.push(`${parent}/${name}`);
    }
  }
  for (const name of STANDALONE_PROJECTS) {
    if (existsSync(join(cwd, name, 'tsconfig.json'))) found.push(name);
  }
  return found;
}
