import { basename, resolve } from 'node:path';
import {
  checkOutputTarget,
  FindingsError,
  getApiTarget,
  readApidocFile,
  writeOutputFile,
} from '@proxmox-openapi/core';
import { defineCommand } from '../declare-command.js';

/** A version's label: the history name's package, version and date when it has one, else the file name. */
async function labelOf(path: string): Promise<{ label: string; date: string }> {
  const { historyFileLabel } = await import('@proxmox-openapi/api-diff');
  return historyFileLabel(basename(path)) ?? { label: basename(path), date: '' };
}

/** `proxmox-openapi diff OLD NEW`: what changed between two apidocs, classified. */
export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'what changed in an API between two apidocs: breaking, warning, info',
  description: `Compares two versions of a product's schema (OLD and NEW: apidoc.js, or the bare JSON array
as .json or .json.gz) and lists every change with its rule, level (breaking, warning, info),
operation and location: a one-line summary, then the breaking changes first, grouped by path.
The rules and their levels are those of @proxmox-openapi/api-diff (its README lists them).`,
  positionals: {
    name: 'OLD NEW',
    min: 2,
    max: 2,
    description: 'the older and the newer apidoc',
    file: 'input',
  },
  options: {
    api: {
      type: 'string',
      value: 'API',
      description: 'the product the two schemas belong to (names it in the summary)',
      default: 'pve',
    },
    format: {
      type: 'string',
      value: 'FORMAT',
      description: 'md (Markdown, for people) or json (the changelog contract, one section)',
      choices: ['md', 'json'],
      default: 'md',
    },
    'fail-on': {
      type: 'string',
      value: 'LEVEL',
      description: 'exit 1 when there is a change at LEVEL: breaking, or warning (warnings and breaking)',
      choices: ['breaking', 'warning'],
    },
    out: {
      type: 'string',
      value: 'FILE',
      description: 'write the diff to FILE instead of the standard output (and print the summary line)',
      file: 'output-file',
    },
  },
  notes: `Exit codes: 0 done (no change at the --fail-on level), 1 changes at the --fail-on level,
2 usage error, 3 unreadable input.`,
  async run({ values, positionals }, io) {
    const [oldPath = '', newPath = ''] = positionals.map((p) => resolve(io.cwd, p));
    const target = getApiTarget(values.api);
    const outFile = values.out !== undefined ? resolve(io.cwd, values.out) : undefined;
    if (outFile !== undefined) await checkOutputTarget(outFile, { what: '--out' });
    const { diffApis, renderDiffJson, renderDiffMarkdown } = await import('@proxmox-openapi/api-diff');
    const before = await readApidocFile(oldPath);
    const after = await readApidocFile(newPath);
    const diff = diffApis(before.tree, after.tree, {
      api: target.id,
      from: await labelOf(oldPath),
      to: await labelOf(newPath),
    });
    const body = values.format === 'json' ? renderDiffJson(target.id, diff) : renderDiffMarkdown(diff);
    if (outFile !== undefined) {
      await writeOutputFile(outFile, body, { what: 'the diff' });
      io.stdout.write(`${diff.summary.line}\n`);
    } else {
      io.stdout.write(body);
    }
    const failOn = values['fail-on'];
    if (failOn !== undefined) {
      const { breaking, warning } = diff.summary;
      const found = failOn === 'breaking' ? breaking : breaking + warning;
      if (found > 0) {
        throw new FindingsError(
          `${found} change${found === 1 ? '' : 's'} at --fail-on ${failOn} or above (${breaking} breaking, ${warning} warning)`,
          { stage: 'diff' },
        );
      }
    }
    return 0;
  },
});
