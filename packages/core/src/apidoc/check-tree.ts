import type { ApiTree } from '../api-tree.js';
import { APIDOC_METHODS } from '../http-methods.js';
import { isJsonObject as isObject } from '../json-object.js';
import type { JsonPathStep } from './json-scan.js';

/** A value of the wrong shape, with the path to it (for the message and to find its position). */
export interface ShapeFailure {
  path: JsonPathStep[];
  message: string;
}

interface Pending {
  value: unknown;
  parent: Pending | undefined;
  step: JsonPathStep;
}

const KNOWN_METHODS: ReadonlySet<string> = new Set(APIDOC_METHODS);
// A node path: absolute, with `{name}` templates that neither nest nor stay open.
const PATH = /^\/(?:[^{}]|\{[^{}/]+\})*$/;

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function pathOf(entry: Pending | undefined, ...more: JsonPathStep[]): JsonPathStep[] {
  const steps: JsonPathStep[] = [];
  for (let e = entry; e; e = e.parent) steps.push(e.step);
  return [...steps.reverse(), ...more];
}

/** `apiSchema[0].children[3].info.GET` */
export function formatJsonPath(path: readonly JsonPathStep[]): string {
  let out = 'apiSchema';
  for (const step of path) {
    out +=
      typeof step === 'number'
        ? `[${step}]`
        : /^[A-Za-z_$][\w$]*$/.test(step)
          ? `.${step}`
          : `[${JSON.stringify(step)}]`;
  }
  return out;
}

/** Reads an own property only: keys such as `__proto__` are data, never a way up the prototype chain. */
function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Checks that a parsed array has the shape of an ApiTree: nodes with an absolute `path` and a
 * `text`, `children` arrays, `info` objects keyed by known HTTP methods whose definitions,
 * `parameters`, `parameters.properties` and `returns` are objects. Paths must be unique.
 * Iterative (an explicit stack), and it neither copies nor changes the data, so nothing of it
 * can reach a prototype. Returns the first failure in document order, or undefined.
 */
export function checkApiTree(value: unknown[]): ShapeFailure | undefined {
  if (value.length === 0) return { path: [], message: 'the apiSchema array is empty' };
  const seen = new Map<string, JsonPathStep[]>();
  const stack: Pending[] = [];
  for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], parent: undefined, step: i });
  while (stack.length > 0) {
    const entry = stack.pop() as Pending;
    const failure = checkNode(entry, seen);
    if (failure) return failure;
    const children = own(entry.value as Record<string, unknown>, 'children');
    if (Array.isArray(children)) {
      const holder: Pending = { value: children, parent: entry, step: 'children' };
      for (let i = children.length - 1; i >= 0; i--)
        stack.push({ value: children[i], parent: holder, step: i });
    }
  }
  return undefined;
}

function checkNode(entry: Pending, seen: Map<string, JsonPathStep[]>): ShapeFailure | undefined {
  const node = entry.value;
  const at = (...more: JsonPathStep[]): JsonPathStep[] => pathOf(entry, ...more);
  if (!isObject(node)) return { path: at(), message: `a node is ${kind(node)}, not an object` };
  const path = own(node, 'path');
  if (typeof path !== 'string') {
    return {
      path: at(),
      message: path === undefined ? 'a node has no "path"' : `a node's "path" is ${kind(path)}, not a string`,
    };
  }
  if (!PATH.test(path)) {
    return {
      path: at('path'),
      message: `the node path ${JSON.stringify(path)} is not an absolute path with balanced {templates}`,
    };
  }
  const where = `of ${path}`;
  if (seen.has(path)) {
    return {
      path: at('path'),
      message: `the path ${path} appears twice (first at ${formatJsonPath(seen.get(path) ?? [])})`,
    };
  }
  seen.set(path, at());
  const text = own(node, 'text');
  if (typeof text !== 'string') {
    return {
      path: at(),
      message: `the "text" ${where} is ${text === undefined ? 'missing' : kind(text)}, not a string`,
    };
  }
  const children = own(node, 'children');
  if (children !== undefined && !Array.isArray(children)) {
    return { path: at('children'), message: `the "children" ${where} is ${kind(children)}, not an array` };
  }
  const info = own(node, 'info');
  if (info === undefined) return undefined;
  if (!isObject(info))
    return { path: at('info'), message: `the "info" ${where} is ${kind(info)}, not an object` };
  for (const method of Object.keys(info)) {
    if (!KNOWN_METHODS.has(method)) {
      return {
        path: at('info', method),
        message: `unknown HTTP method ${JSON.stringify(method)} in the "info" ${where} (expected ${APIDOC_METHODS.join(', ')})`,
      };
    }
    const failure = checkMethod(info[method], `${method} ${path}`, (...more) => at('info', method, ...more));
    if (failure) return failure;
  }
  return undefined;
}

function checkMethod(
  definition: unknown,
  name: string,
  at: (...more: JsonPathStep[]) => JsonPathStep[],
): ShapeFailure | undefined {
  if (!isObject(definition))
    return { path: at(), message: `the definition of ${name} is ${kind(definition)}, not an object` };
  // PBS marks protocol upgrades with `method: "DOWNLOAD"`/`"UPLOAD"`, so any string is accepted.
  for (const key of ['method', 'name', 'description'] as const) {
    const value = own(definition, key);
    if (value !== undefined && typeof value !== 'string') {
      return { path: at(key), message: `the "${key}" of ${name} is ${kind(value)}, not a string` };
    }
  }
  for (const key of ['parameters', 'returns', 'permissions'] as const) {
    const value = own(definition, key);
    if (value !== undefined && !isObject(value)) {
      return { path: at(key), message: `the "${key}" of ${name} is ${kind(value)}, not an object` };
    }
  }
  const parameters = own(definition, 'parameters');
  if (!isObject(parameters)) return undefined;
  const properties = own(parameters, 'properties');
  if (properties === undefined) return undefined;
  if (!isObject(properties)) {
    return {
      path: at('parameters', 'properties'),
      message: `the parameter "properties" of ${name} is ${kind(properties)}, not an object`,
    };
  }
  for (const parameter of Object.keys(properties)) {
    const schema = properties[parameter];
    if (!isObject(schema)) {
      return {
        path: at('parameters', 'properties', parameter),
        message: `the parameter ${JSON.stringify(parameter)} of ${name} is ${kind(schema)}, not a schema object`,
      };
    }
  }
  return undefined;
}

/** The checked array, typed: the data itself, not a copy. */
export function asApiTree(value: unknown[]): ApiTree {
  return value as ApiTree;
}
