import { InputError } from '@proxmox-openapi/core';
import { checkCoverage } from './coverage-check.js';
import { checkDefaults } from './default-check.js';
import { checkDepth } from './document-depth.js';
import { isObject, listDocumentOperations } from './openapi-document.js';
import { checkDoubledPaths } from './path-shape.js';
import { checkPatterns } from './pattern-check.js';
import { checkRedocly } from './redocly-check.js';
import type { Finding, ValidateOptions, ValidationReport } from './types.js';
import { checkYaml } from './yaml-check.js';

// Redocly rules that the coverage check reports in Proxmox terms for the same operation; when
// both fire, the report keeps the coverage finding only, so one problem is one line.
const COVERED_BY: Record<string, string> = {
  'operation-operationId-unique': 'coverage-operation-id-duplicate',
  'path-parameters-defined': 'coverage-path-parameter-undeclared',
};

/** The pointer of the operation a pointer lies in (`/paths/~1a/get/...` → `/paths/~1a/get`). */
function operationPointer(at: string): string {
  return at.split('/').slice(0, 4).join('/');
}

function withoutDuplicates(openapi: Finding[], coverage: Finding[]): Finding[] {
  const reported = new Set(coverage.map((f) => `${f.rule} ${operationPointer(f.pointer)}`));
  return openapi.filter((f) => {
    const ours = COVERED_BY[f.rule];
    return ours === undefined || !reported.has(`${ours} ${operationPointer(f.pointer)}`);
  });
}

/**
 * Validates an OpenAPI document: Redocly's `recommended` rules plus ECMA-262 patterns (and
 * warnings for super-linear ones), defaults that fail their own schema (warnings), and doubled paths; with `apidoc`, coverage of the source tree (every operation at its exact path,
 * every parameter, path parameters, unique operationIds, the `{data}` envelope); with `yaml`,
 * that the YAML serialization is the same document.
 * @throws InputError when the document or the apidoc is not the right kind of value.
 */
export async function validateSpec(
  document: object,
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const started = performance.now();
  if (!isObject(document)) throw new InputError('the document to validate is not a JSON object');
  if (options.apidoc !== undefined && !Array.isArray(options.apidoc)) {
    throw new InputError('the apidoc to check coverage against is not an array of nodes');
  }
  // First, in one linear walk: a document nested deeper than any real one is reported as such,
  // not handed to walks that recurse (Redocly's runs out of stack) or slow down with depth.
  const tooDeep = checkDepth(document);
  if (tooDeep !== undefined) {
    const skippedOr = (given: unknown) => (given === undefined ? ('skipped' as const) : false);
    return {
      valid: false,
      errors: [tooDeep],
      warnings: [],
      checks: { openapi: false, coverage: skippedOr(options.apidoc), yaml: skippedOr(options.yaml) },
      operations: listDocumentOperations(document).length,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }
  // The checks that read the apidoc and the YAML run first, and the references to them are let
  // go before Redocly's walk: a caller that keeps no other reference (the pipeline) lets them be
  // collected, and the largest documents' apidoc tree and YAML text (9 and 6 MiB for PDM) do
  // not add to the walk's memory.
  const coverage = options.apidoc === undefined ? undefined : checkCoverage(document, options.apidoc);
  const yaml = options.yaml === undefined ? undefined : checkYaml(document, options.yaml);
  options = {};
  const openapi = [
    ...(await checkRedocly(document)),
    ...checkPatterns(document),
    ...checkDefaults(document),
    ...checkDoubledPaths(document),
  ];
  const all = [...withoutDuplicates(openapi, coverage ?? []), ...(coverage ?? []), ...(yaml ?? [])];
  const errors = all.filter((f) => f.severity === 'error');
  const passed = (findings: Finding[] | undefined): boolean | 'skipped' =>
    findings === undefined ? 'skipped' : !findings.some((f) => f.severity === 'error');
  return {
    valid: errors.length === 0,
    errors,
    warnings: all.filter((f) => f.severity === 'warning'),
    checks: { openapi: passed(openapi) === true, coverage: passed(coverage), yaml: passed(yaml) },
    operations: listDocumentOperations(document).length,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
