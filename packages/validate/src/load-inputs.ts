import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import {
  type ApiTree,
  describeError,
  InputError,
  MAX_APIDOC_FILE_BYTES,
  readApidocFile,
  readInputFile,
  SPECS_LAYOUT,
  UsageError,
} from '@proxmox-openapi/core';
import { load } from 'js-yaml';

/**
 * The largest document `validate` reads: the apidoc's limit (the real documents are under
 * 4 MiB), so that a device or a huge file cannot fill the memory.
 */
const MAX_DOCUMENT_BYTES = MAX_APIDOC_FILE_BYTES;

async function readText(path: string, what: string): Promise<Buffer> {
  // A regular file only: a named pipe is refused, not waited on; /dev/zero is not read.
  return readInputFile(path, { what, maxBytes: MAX_DOCUMENT_BYTES });
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path} is not JSON: ${describeError(error)}`, { cause: error });
  }
}

/** The files `validate` works on: the document, its YAML twin, the apidoc it came from. */
export interface ValidateInputs {
  document: object;
  documentPath: string;
  yaml?: string;
  yamlPath?: string;
  apidoc?: ApiTree;
  apidocPath?: string;
}

const YAML_EXTENSIONS = ['.yaml', '.yml'];

/**
 * Reads SPEC (`.json`, `.yaml` or `.yml`) and its twin beside it (`x.json` ↔ `x.yaml`): the
 * document is the JSON when there is one, and the YAML is checked to be the same document.
 * The apidoc is `--apidoc FILE` (apidoc.js, or the bare JSON array as `.json` or `.json.gz`), or the snapshot
 * `apidoc.json` beside SPEC, as `specs/<api>/` holds it.
 */
export async function loadValidateInputs(
  spec: string,
  apidocOption: string | undefined,
): Promise<ValidateInputs> {
  const extension = extname(spec).toLowerCase();
  const stem = join(dirname(spec), basename(spec, extname(spec)));
  let jsonPath: string | undefined;
  let yamlPath: string | undefined;
  if (extension === '.json') {
    jsonPath = spec;
    yamlPath = YAML_EXTENSIONS.map((e) => stem + e).find((p) => existsSync(p));
  } else if (YAML_EXTENSIONS.includes(extension)) {
    yamlPath = spec;
    jsonPath = existsSync(`${stem}.json`) ? `${stem}.json` : undefined;
  } else {
    throw new UsageError(`${spec}: SPEC must be an OpenAPI document ending in .json, .yaml or .yml`);
  }
  if (!existsSync(spec)) throw new InputError(`cannot read the document ${spec}: no such file`);

  const yaml =
    yamlPath === undefined ? undefined : (await readText(yamlPath, 'the YAML document')).toString('utf8');
  let document: unknown;
  if (jsonPath !== undefined) {
    document = parseJson((await readText(jsonPath, 'the document')).toString('utf8'), jsonPath);
  } else {
    try {
      document = load(yaml ?? '');
    } catch (error) {
      throw new InputError(`${spec} is not YAML: ${describeError(error)}`, { cause: error });
    }
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new InputError(`${jsonPath ?? spec} is not an OpenAPI document (not a JSON object)`);
  }
  const inputs: ValidateInputs = { document, documentPath: jsonPath ?? spec };
  if (yaml !== undefined && jsonPath !== undefined) {
    inputs.yaml = yaml;
    inputs.yamlPath = yamlPath;
  }

  const snapshot = join(dirname(spec), SPECS_LAYOUT.snapshot);
  const apidocPath = apidocOption ?? (existsSync(snapshot) ? snapshot : undefined);
  if (apidocPath !== undefined) {
    inputs.apidoc = await loadApidoc(apidocPath);
    inputs.apidocPath = apidocPath;
  }
  return inputs;
}

/**
 * Reads the apidoc with the shared static parser: an `apidoc.js` in either framing, or the bare
 * JSON array (`.json`, `.json.gz`); shape-checked, never evaluated.
 */
export async function loadApidoc(path: string): Promise<ApiTree> {
  return (await readApidocFile(path)).tree;
}
