import { posix } from 'node:path';

/** A reference in a tracked file to a place outside the repository. */
export interface OutsidePath {
  file: string;
  line: number;
  text: string;
  why: string;
}

// Folders of data, not code: snapshots, schemas and hostile inputs are compared byte for byte and
// never resolved as paths. Markdown is prose (an example output may name any folder).
// The lock file is written by pnpm from the manifests, which are checked. This check's own
// files hold the climbs and paths it looks for, as examples.
const DATA = [
  /^pnpm-lock\.yaml$/,
  /^specs\//,
  /^packages\/test-fixtures\/(apidoc|history)\//,
  /\/test\/hardening\/corpus\//,
  /^test\/(outside-paths\.ts|self-contained\.test\.ts)$/,
];
const PROSE_OR_BINARY = /\.(md|gz|png|jpg|ico|pem)$/;

/** Whether a tracked file is source, configuration or a script (the files this check reads). */
export function isCheckedFile(file: string): boolean {
  return !PROSE_OR_BINARY.test(file) && !DATA.some((pattern) => pattern.test(file));
}

// `..` runs such as `../../shared`, `'../..'` or `..\\x`, but not a spread (`...rest`) or a
// version range (`1..2`). A run after a `/` climbs from a base this check cannot know
// (`$(dirname "$0")/..`, `${root}/..`): those are left to the absolute-path rule and to review.
const RELATIVE = /(?<![\w.@~$/\\-])\.\.(?!\.)(?:[\\/]\.\.(?!\.))*(?:[\\/][^\s'"`)\],;]*)?/g;
// `join(root, '..', '..', 'shared')`: the same climb written as separate arguments.
const SEPARATE_DOTS = /(['"])\.\.\1(?:\s*,\s*(['"])\.\.\2)*/g;
// Home and workspace folders of some machine: no clone has them at the same place.
const MACHINE_ABSOLUTE = /(?<![\w.~:/-])\/(?:work|home|Users|root|mnt)\/[^\s'"`)\]},;]*/g;

/** The nearest folder at or above `file` that holds one of the given package folders ('' = root). */
function packageFolderOf(file: string, packageFolders: ReadonlySet<string>): string {
  let dir = posix.dirname(file);
  while (dir !== '.' && !packageFolders.has(dir)) dir = posix.dirname(dir);
  return dir === '.' ? '' : dir;
}

function escapes(from: string, relative: string): boolean {
  const resolved = posix.normalize(posix.join(from === '' ? '.' : from, relative.replaceAll('\\', '/')));
  return resolved === '..' || resolved.startsWith('../');
}

// Modules resolve relative paths against their own folder (`import`, `new URL(…, import.meta.url)`);
// package scripts, workflows and shell scripts against the working directory, which is the
// package's folder (or the root).
const MODULE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/**
 * The references in one tracked file (path relative to the repository root, `/` separators) that
 * lead outside the repository: a `..` climb that leaves the root when read from the file's folder
 * (or, outside modules, from its package's folder), or an absolute path into a home or workspace
 * folder. `packageFolders` are the folders that hold a package.json.
 */
export function findOutsidePaths(
  file: string,
  text: string,
  packageFolders: ReadonlySet<string>,
): OutsidePath[] {
  const folder = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const bases = MODULE.test(file) ? [folder] : [folder, packageFolderOf(file, packageFolders)];
  const found: OutsidePath[] = [];
  text.split('\n').forEach((content, index) => {
    const report = (match: string, why: string): void => {
      found.push({ file, line: index + 1, text: match, why });
    };
    const line = content.replace(
      SEPARATE_DOTS,
      (match) =>
        `'${Array(match.split('..').length - 1)
          .fill('..')
          .join('/')}'`,
    );
    for (const [match] of line.matchAll(RELATIVE)) {
      if (bases.some((base) => escapes(base, match))) report(match, 'climbs above the repository root');
    }
    for (const [match] of line.matchAll(MACHINE_ABSOLUTE)) {
      report(match, 'is an absolute path on one machine');
    }
  });
  return found;
}
