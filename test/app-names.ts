import { posix } from 'node:path';

/** A place where a file under `packages/` names the app. */
export interface AppNameFinding {
  file: string;
  line: number;
  text: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The ways a file can name the command line app: its folder (`apps/pipeline`), its bin
 * (`bin/proxmox-openapi`, not the lint package's own `bin/proxmox-openapi-lint`), and its name
 * used as a command: followed by one of its sub-commands or an option (`proxmox-openapi stats`,
 * `proxmox-openapi --version`), or alone in backticks (`` `proxmox-openapi` ``). The project's
 * name elsewhere is not the app: the npm scope `@proxmox-openapi/`, the repository URL
 * `proxmox-openapi/proxmox-openapi`, the README markers `proxmox-openapi:stats:…`, the lint
 * package's bin `proxmox-openapi-lint`, and the project named as a whole ("The proxmox-openapi
 * contributors" in a LICENSE) do not match.
 */
export function appNamePattern(commands: readonly string[]): RegExp {
  const name = '(?<![@\\w/.-])proxmox-openapi(?![\\w/:.-])';
  const command = `${name}[ \\t]+(?:--?[a-z]|(?:${commands.map(escapeRegExp).join('|')})\\b)`;
  return new RegExp(`apps/pipeline|bin/proxmox-openapi(?!-)|${command}|\`${name}\``, 'g');
}

/** The sub-commands the app declares: one file each in its `src/cli/commands/`, tests aside. */
export function appCommands(trackedFiles: readonly string[]): string[] {
  const folder = 'apps/pipeline/src/cli/commands/';
  return trackedFiles
    .filter((f) => f.startsWith(folder) && f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => posix.basename(f, '.ts'));
}

/** Every line of `text` that names the app, by `pattern` (from {@link appNamePattern}). */
export function findAppNames(file: string, text: string, pattern: RegExp): AppNameFinding[] {
  const found: AppNameFinding[] = [];
  text.split('\n').forEach((line, index) => {
    pattern.lastIndex = 0;
    const match = pattern.exec(line);
    if (match) found.push({ file, line: index + 1, text: match[0] });
  });
  return found;
}
