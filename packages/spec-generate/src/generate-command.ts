import { resolve } from 'node:path';
import {
  countApiTree,
  defineCommand,
  getApiTarget,
  readApidocFile,
  UsageError,
  writeFileAtomic,
} from '@proxmox-openapi/core';
import { generateSpec } from './generate-spec.js';
import { serializeSpec } from './serialize.js';
import type { OpenApiVersion } from './types.js';

/** `proxmox-openapi generate --api API --input FILE --out-dir DIR [--openapi 3.0|3.1]`. */
export const generateCommand = defineCommand({
  name: 'generate',
  summary: 'turn an apidoc (apidoc.js or JSON) into <api>-api.json and <api>-api.yaml',
  usage: `usage: proxmox-openapi generate --api API --input FILE --out-dir DIR [--openapi 3.0|3.1]

Reads an API schema (an apidoc.js in either framing, or the bare JSON array as .json or
.json.gz), generates the OpenAPI document and writes <api>-api.json and <api>-api.yaml into
DIR, each atomically. Exit codes: 0 written, 2 usage error, 3 unreadable input.

  --api API        the product: pve, pbs, pmg or pdm
  --input FILE     the apidoc to read
  --out-dir DIR    where to write the two files (created when missing)
  --openapi V      3.0 (default, writes 3.0.3) or 3.1 (writes 3.1.0)
  --version TEXT   info.version of the document (default: derived from the input's content)
`,
  options: {
    api: { type: 'string' },
    input: { type: 'string' },
    'out-dir': { type: 'string' },
    openapi: { type: 'string' },
    version: { type: 'string' },
  },
  async run({ values }, io) {
    const api = values.api;
    const input = values.input;
    const outDir = values['out-dir'];
    if (typeof api !== 'string' || typeof input !== 'string' || typeof outDir !== 'string') {
      throw new UsageError(
        "--api, --input and --out-dir are required (see 'proxmox-openapi generate --help')",
      );
    }
    const openapi = values.openapi ?? '3.0';
    if (openapi !== '3.0' && openapi !== '3.1') {
      throw new UsageError(`--openapi must be 3.0 or 3.1, not "${String(openapi)}"`);
    }
    const target = getApiTarget(api);
    const { tree } = await readApidocFile(resolve(io.cwd, input));
    const document = generateSpec(tree, {
      target,
      openapi: openapi as OpenApiVersion,
      ...(typeof values.version === 'string' ? { version: values.version } : {}),
    });
    const { json, yaml } = serializeSpec(document);
    const jsonPath = resolve(io.cwd, outDir, target.outputs.json);
    const yamlPath = resolve(io.cwd, outDir, target.outputs.yaml);
    await writeFileAtomic(jsonPath, json);
    await writeFileAtomic(yamlPath, yaml);
    const { operations } = countApiTree(tree);
    io.stdout.write(
      `wrote ${jsonPath} and ${yamlPath} (OpenAPI ${document.openapi}, ${operations} operations)\n`,
    );
    return 0;
  },
});
