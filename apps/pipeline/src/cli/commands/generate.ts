import { resolve } from 'node:path';
import { countApiTree, getApiTarget, readApidocFile, writeFileAtomic } from '@proxmox-openapi/core';
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
    const { tree } = await readApidocFile(resolve(io.cwd, values.input));
    // Loaded on use: the generator is not needed by `--help` or the other commands.
    const { generateSpec, serializeSpec } = await import('@proxmox-openapi/spec-generate');
    const document = generateSpec(tree, {
      target,
      openapi: values.openapi,
      ...(values.version !== undefined ? { version: values.version } : {}),
    });
    const { json, yaml } = serializeSpec(document);
    const jsonPath = resolve(io.cwd, values['out-dir'], target.outputs.json);
    const yamlPath = resolve(io.cwd, values['out-dir'], target.outputs.yaml);
    await writeFileAtomic(jsonPath, json);
    await writeFileAtomic(yamlPath, yaml);
    const { operations } = countApiTree(tree);
    io.stdout.write(
      `wrote ${jsonPath} and ${yamlPath} (OpenAPI ${document.openapi}, ${operations} operations)\n`,
    );
    return 0;
  },
});
