import { type ApiTree, listOperations } from '@proxmox-openapi/core';
import { pointer } from './json-pointer.js';
import {
  bodyPropertyNames,
  bodyRequiredNames,
  type DocumentOperation,
  isObject,
  type Json,
  listDocumentOperations,
  operationParameters,
  pathTemplates,
  resolveRef,
} from './openapi-document.js';
import { undoublePath } from './path-shape.js';
import type { Finding } from './types.js';

/** An indexed apidoc parameter such as `net[n]`: the document carries it as `net0`, `net1`, … */
const INDEXED = /^(.+)\[n\]$/;

function error(rule: string, message: string, at: string): Finding {
  return { severity: 'error', rule, message, pointer: at };
}

/**
 * Compares a document with the apidoc tree it was generated from: every (path, method) at its
 * exact path, nothing the tree does not have, every parameter carried, path parameters declared,
 * unique operationIds and the `{data}` envelope on every 2xx response.
 */
export function checkCoverage(document: object, tree: ApiTree): Finding[] {
  const findings: Finding[] = [];
  const operations = listDocumentOperations(document);
  const byKey = new Map(operations.map((op) => [`${op.method} ${op.path}`, op]));
  const treeKeys = new Set<string>();
  const paths = isObject((document as Json).paths) ? ((document as Json).paths as Json) : {};

  for (const { path, method, definition } of listOperations(tree)) {
    const key = `${method.toLowerCase()} ${path}`;
    treeKeys.add(key);
    const op = byKey.get(key);
    if (!op) {
      findings.push(
        error(
          'coverage-operation-missing',
          `${method} ${path} of the apidoc is missing from the document`,
          path in paths ? pointer('paths', path) : '/paths',
        ),
      );
      continue;
    }
    findings.push(...checkParameters(document, op, definition.parameters?.properties ?? {}));
  }

  for (const op of operations) {
    if (treeKeys.has(`${op.method} ${op.path}`)) continue;
    const undoubled = undoublePath(op.path);
    const hint =
      undoubled !== undefined && treeKeys.has(`${op.method} ${undoubled}`)
        ? ` (the apidoc has ${undoubled}: the path is doubled)`
        : '';
    findings.push(
      error(
        'coverage-operation-unknown',
        `${op.method.toUpperCase()} ${op.path} is not an operation of the apidoc${hint}`,
        pointer('paths', op.path, op.method),
      ),
    );
  }

  findings.push(...checkPathParameters(document, operations));
  findings.push(...checkOperationIds(operations));
  findings.push(...checkEnvelopes(document, operations));
  return findings;
}

/**
 * Whether the apidoc makes a parameter optional: marked `optional: 1` (also written `"1"` or
 * `true`), or picked by a sibling's value (`type-property`), which pve-common treats as optional
 * while no type is given.
 */
function isOptional(schema: unknown): boolean {
  if (isObject(schema) && typeof schema['type-property'] === 'string') return true;
  const value = isObject(schema) ? schema.optional : undefined;
  return value === 1 || value === true || value === '1';
}

function checkParameters(
  document: object,
  op: DocumentOperation,
  properties: Record<string, unknown>,
): Finding[] {
  const findings: Finding[] = [];
  const parameters = operationParameters(document, op);
  const templates = new Set(pathTemplates(op.path));
  const body = bodyPropertyNames(document, op);
  const bodyRequired = bodyRequiredNames(document, op);
  const declared = new Map(parameters.filter((p) => p.in !== 'path').map((p) => [p.name, p]));
  const carried = new Set<string>([...declared.keys(), ...body]);
  const label = `${op.method.toUpperCase()} ${op.path}`;
  const at = pointer('paths', op.path, op.method);
  for (const [name, schema] of Object.entries(properties)) {
    if (templates.has(name)) {
      // A path parameter must be in the path; undeclared ones are reported once, by checkPathParameters.
      continue;
    }
    const indexed = INDEXED.exec(name);
    if (indexed) {
      const base = indexed[1] as string;
      const expanded = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+$`);
      if (![...carried].some((n) => expanded.test(n))) {
        findings.push(
          error(
            'coverage-parameter-missing',
            `${label}: indexed parameter ${name} is not carried (expected ${base}0, ${base}1, …)`,
            at,
          ),
        );
      }
      continue;
    }
    const parameter = declared.get(name);
    if (!parameter && !body.has(name)) {
      findings.push(
        error('coverage-parameter-missing', `${label}: parameter "${name}" of the apidoc is not carried`, at),
      );
      continue;
    }
    if (parameter && body.has(name)) {
      findings.push(
        error(
          'coverage-parameter-twice',
          `${label}: parameter "${name}" is carried both as a ${parameter.in} parameter and in the request body`,
          at,
        ),
      );
    }
    const required = parameter ? parameter.required : bodyRequired.has(name);
    if (required === isOptional(schema)) {
      findings.push(
        error(
          'coverage-parameter-required',
          required
            ? `${label}: parameter "${name}" is optional in the apidoc but required in the document`
            : `${label}: parameter "${name}" is required by the apidoc but optional in the document`,
          at,
        ),
      );
    }
  }
  return findings;
}

function checkPathParameters(document: object, operations: DocumentOperation[]): Finding[] {
  const findings: Finding[] = [];
  for (const op of operations) {
    const declared = operationParameters(document, op).filter((p) => p.in === 'path');
    for (const name of pathTemplates(op.path)) {
      const parameter = declared.find((p) => p.name === name);
      const label = `${op.method.toUpperCase()} ${op.path}`;
      if (!parameter) {
        findings.push(
          error(
            'coverage-path-parameter-undeclared',
            `${label}: path parameter {${name}} is not declared`,
            pointer('paths', op.path, op.method),
          ),
        );
      } else if (!parameter.required) {
        findings.push(
          error(
            'coverage-path-parameter-undeclared',
            `${label}: path parameter {${name}} is not marked required`,
            pointer('paths', op.path, op.method),
          ),
        );
      }
    }
  }
  return findings;
}

function checkOperationIds(operations: DocumentOperation[]): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<string, DocumentOperation>();
  for (const op of operations) {
    const id = op.operation.operationId;
    if (typeof id !== 'string') continue;
    const earlier = first.get(id);
    if (earlier) {
      findings.push(
        error(
          'coverage-operation-id-duplicate',
          `operationId "${id}" of ${op.method.toUpperCase()} ${op.path} is already used by ${earlier.method.toUpperCase()} ${earlier.path}`,
          pointer('paths', op.path, op.method, 'operationId'),
        ),
      );
    } else {
      first.set(id, op);
    }
  }
  return findings;
}

/** Whether a schema describes an object with a `data` property (directly or through `allOf`). */
function hasDataProperty(document: object, raw: unknown, depth = 0): boolean {
  const schema = resolveRef(document, raw);
  if (!isObject(schema) || depth > 8) return false;
  if (isObject(schema.properties) && 'data' in schema.properties) return true;
  return (
    Array.isArray(schema.allOf) && schema.allOf.some((part) => hasDataProperty(document, part, depth + 1))
  );
}

function checkEnvelopes(document: object, operations: DocumentOperation[]): Finding[] {
  const findings: Finding[] = [];
  for (const op of operations) {
    const label = `${op.method.toUpperCase()} ${op.path}`;
    const responses = isObject(op.operation.responses) ? op.operation.responses : {};
    const success = Object.keys(responses).filter((code) => /^2(\d\d|XX)$/.test(code));
    if (success.length === 0) {
      findings.push(
        error(
          'coverage-response-envelope',
          `${label} has no 2xx response`,
          pointer('paths', op.path, op.method, 'responses'),
        ),
      );
      continue;
    }
    for (const code of success) {
      const response = resolveRef(document, responses[code]);
      const content = isObject(response) && isObject(response.content) ? response.content : {};
      const json = content['application/json'];
      // An operation marked download_allowed may send only the file (the file-restore download).
      const fileOnly =
        op.operation['x-proxmox-download-allowed'] === true &&
        json === undefined &&
        isObject(content['application/octet-stream']);
      if (fileOnly) continue;
      if (!isObject(json) || !hasDataProperty(document, json.schema)) {
        findings.push(
          error(
            'coverage-response-envelope',
            `${label}: the ${code} response is not the {"data": …} envelope that Proxmox answers with`,
            pointer('paths', op.path, op.method, 'responses', code),
          ),
        );
      }
    }
  }
  return findings;
}
