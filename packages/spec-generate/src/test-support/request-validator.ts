import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { OpenApiDocument } from '../types.js';

/**
 * A small request validator for tests, built on ajv: it finds the operation of a concrete
 * request, checks the credentials against the operation's security, decodes path and query
 * values and form bodies the way OpenAPI request validators do (text coerced by the schema's
 * types, repeated keys as arrays), validates JSON bodies as they are, and validates responses.
 */

/** A request as a client puts it on the wire. */
export interface WireRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path below `/api2/json`, with its query string: `/cluster/resources?type=vm`. */
  url: string;
  /** `form` is the raw `application/x-www-form-urlencoded` text; `json` the parsed JSON body. */
  body?: { form: string } | { json: unknown };
  /** Header names in lower case. */
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
}

interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { required: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  security: Record<string, string[]>[];
}

interface Scheme {
  type: string;
  in: string;
  name: string;
}

export interface RequestCheck {
  operationId: string | undefined;
  errors: string[];
}

const DOC_ID = 'https://example.invalid/openapi.json';

function pointer(...parts: string[]): string {
  return `${DOC_ID}#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** A validator of wire requests and responses against one generated document. */
export function createRequestValidator(doc: OpenApiDocument) {
  const make = (coerce: boolean) => {
    const options = {
      strict: false,
      allErrors: true,
      validateFormats: false,
      coerceTypes: coerce ? ('array' as const) : false,
    };
    const ajv = doc.openapi.startsWith('3.1') ? new Ajv2020(options) : new Ajv(options);
    ajv.addSchema({ ...doc, $id: DOC_ID } as never);
    return ajv;
  };
  const typed = make(false);
  const coercing = make(true);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (ref: string, coerce: boolean): ValidateFunction => {
    const key = `${coerce}${ref}`;
    let fn = compiled.get(key);
    if (!fn) {
      fn = (coerce ? coercing : typed).getSchema(ref);
      if (!fn) throw new Error(`no schema at ${ref}`);
      compiled.set(key, fn);
    }
    return fn;
  };
  const messages = (fn: ValidateFunction, where: string) =>
    (fn.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

  const templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      names: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
      regex: new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)')}$`,
      ),
      statics: template.split('/').filter((s) => !s.startsWith('{')).length,
    }))
    // A static segment wins over a parameter, as in the Proxmox router.
    .sort((a, b) => b.statics - a.statics);

  function findOperation(method: string, path: string) {
    for (const t of templates) {
      const match = t.regex.exec(path);
      const op = match && (doc.paths[t.template]?.[method.toLowerCase()] as Operation | undefined);
      if (match && op) {
        const values = Object.fromEntries(
          t.names.map((n, i) => [n, decodeURIComponent(match[i + 1] as string)]),
        );
        return { template: t.template, op, values };
      }
    }
    return undefined;
  }

  function checkSecurity(op: Operation, request: WireRequest): string[] {
    if (op.security.length === 0) return [];
    const schemes = (doc.components?.securitySchemes ?? {}) as Record<string, Scheme>;
    const present = (name: string) => {
      const scheme = schemes[name];
      if (!scheme) return false;
      if (scheme.in === 'header') return request.headers?.[scheme.name.toLowerCase()] !== undefined;
      return request.cookies?.[scheme.name] !== undefined;
    };
    const ok = op.security.some((requirement) => Object.keys(requirement).every(present));
    return ok ? [] : [`security: none of ${JSON.stringify(op.security)} is satisfied`];
  }

  /** Checks one request; `errors` is empty when the document accepts it. */
  function checkRequest(request: WireRequest): RequestCheck {
    const url = new URL(request.url, 'https://pve.invalid');
    const found = findOperation(request.method, url.pathname);
    if (!found)
      return { operationId: undefined, errors: [`no operation for ${request.method} ${url.pathname}`] };
    const { template, op, values } = found;
    const base = ['paths', template, request.method.toLowerCase()];
    const errors = checkSecurity(op, request);

    const params = op.parameters ?? [];
    const query = new Map<string, string[]>();
    for (const [key, value] of url.searchParams) query.set(key, [...(query.get(key) ?? []), value]);
    params.forEach((param, index) => {
      const raw =
        param.in === 'path'
          ? values[param.name] === undefined
            ? undefined
            : [values[param.name] as string]
          : query.get(param.name);
      if (raw === undefined) {
        if (param.required) errors.push(`${param.in} parameter ${param.name} is missing`);
        return;
      }
      // Text on the wire, coerced by the schema's types; a repeated key is an array.
      const fn = validator(pointer(...base, 'parameters', String(index), 'schema'), true);
      if (!fn(raw.length === 1 ? raw[0] : raw)) errors.push(...messages(fn, `${param.in} ${param.name}`));
    });
    for (const key of query.keys()) {
      if (!params.some((p) => p.in === 'query' && p.name === key))
        errors.push(`query parameter ${key} is not declared`);
    }

    if (request.body === undefined) {
      if (op.requestBody?.required) errors.push('the request body is required');
    } else if (!op.requestBody) {
      errors.push('the operation takes no request body');
    } else if ('form' in request.body) {
      const form: Record<string, string | string[]> = {};
      for (const [key, value] of new URLSearchParams(request.body.form)) {
        const previous = form[key];
        form[key] =
          previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
      }
      const fn = validator(
        pointer(...base, 'requestBody', 'content', 'application/x-www-form-urlencoded', 'schema'),
        true,
      );
      if (!fn(form)) errors.push(...messages(fn, 'form body'));
    } else {
      const fn = validator(pointer(...base, 'requestBody', 'content', 'application/json', 'schema'), false);
      if (!fn(structuredClone(request.body.json))) errors.push(...messages(fn, 'json body'));
    }
    return { operationId: op.operationId, errors };
  }

  /** Validates a 200 response body (already parsed JSON) of an operation. */
  function checkResponse(method: WireRequest['method'], path: string, body: unknown): string[] {
    const found = findOperation(method, path);
    if (!found) return [`no operation for ${method} ${path}`];
    const ref = pointer(
      'paths',
      found.template,
      method.toLowerCase(),
      'responses',
      '200',
      'content',
      'application/json',
      'schema',
    );
    const fn = validator(ref, false);
    return fn(body) ? [] : messages(fn, 'response');
  }

  return { checkRequest, checkResponse };
}
