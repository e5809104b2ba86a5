import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  checkOutputTarget,
  countApiTree,
  getApiTarget,
  readApidocFile,
  UsageError,
  writeOutputFile,
} from '@proxmox-openapi/core';
import { defineCommand } from '../declare-command.js';

/** `proxmox-openapi generate`: an apidoc to `<api>-api.json` and `<api>-api.yaml`. */
export const generateCommand = defineCommand({
  name: 'generate',
  summary: 'turn an apidoc (apidoc.js or JSON) into <api>-api.json and <api>-api.yaml',
  description: `Reads an API schema (an apidoc.js in either framing, or the bare JSON array as .json or
.json.gz), generates the OpenAPI document and writes <api>-api.json and <api>-api.yaml into
DIR, each atomically.`,
  options: {
    api: { type: 'string', value: 'API', description: 'the product: pve, pbs, pmg or pdm', required: true },
    input: {
      type: 'string',
      value: 'FILE',
      description: 'the apidoc to read',
      required: true,
      file: 'input',
    },
    'out-dir': {
      type: 'string',
      value: 'DIR',
      description: 'where to write the two files (created when missing)',
      required: true,
      file: 'output-dir',
    },
    openapi: {
      type: 'string',
      value: 'V',
      description: '3.0 (default, writes 3.0.3) or 3.1 (writes 3.1.0)',
      choices: ['3.0', '3.1'],
      default: '3.0',
    },
    version: {
      type: 'string',
      value: 'TEXT',
      description: "info.version of the document (default: derived from the input's content)",
    },
  },
  engine: 'whole',
  notes: 'Exit codes: 0 written, 2 usage error, 3 unreadable input.',
  async run({ values }, io) {
    const target = getApiTarget(values.api);
    const outDir = resolve(io.cwd, values['out-dir']);
    const jsonPath = join(outDir, target.outputs.json);
    const yamlPath = join(outDir, target.outputs.yaml);
    // Checked before the input is read: --out-dir must be a folder (or new), the files in it not.
    await checkOutputFolder(outDir);
    await checkOutputTarget(jsonPath, { what: '--out-dir' });
    await checkOutputTarget(yamlPath, { what: '--out-dir' });
    const { tree } = await readApidocFile(resolve(io.cwd, values.input));
    // Loaded on use: the generator is not needed by `--help` or the other commands.
    const { generateSpec, serializeSpec } = await import('@proxmox-openapi/spec-generate');
    const document = generateSpec(tree, {
      target,
      openapi: values.openapi,
      ...(values.version !== undefined ? { version: values.version } : {}),
    });
    const { json, yaml } = serializeSpec(document);
    await mkdir(outDir, { recursive: true });
    await writeOutputFile(jsonPath, json, { what: 'the JSON document' });
    await writeOutputFile(yamlPath, yaml, { what: 'the YAML document' });
    const { operations } = countApiTree(tree);
    io.stdout.write(
      `wrote ${jsonPath} and ${yamlPath} (OpenAPI ${document.openapi}, ${operations} operations)\n`,
    );
    return 0;
  },
});

/** Refuses an --out-dir that exists but is not a folder (a file, a device), before any work. */
async function checkOutputFolder(dir: string): Promise<void> {
  const stats = await stat(dir).catch(() => undefined);
  if (stats && !stats.isDirectory()) throw new UsageError(`--out-dir ${dir} is not a folder`);
}
