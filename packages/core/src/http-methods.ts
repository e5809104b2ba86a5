/**
 * The HTTP methods, in one place: the four an apidoc's `info` can hold, and the operation fields
 * of an OpenAPI path item. Every stage that walks a document or orders its methods takes them
 * from here, so a generated document, its statistics, its site and its release notes agree.
 */

/** The HTTP methods that appear in an apidoc's `info`. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The methods of an apidoc's `info`, in the order the Proxmox viewers list them. */
export const APIDOC_METHODS: readonly HttpMethod[] = Object.freeze(['GET', 'POST', 'PUT', 'DELETE']);

/** An operation field of an OpenAPI path item. */
export type OpenApiMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/**
 * The operation fields of an OpenAPI path item, in the order the OpenAPI specification lists
 * them: the order a generated path item holds its operations in.
 */
export const OPENAPI_METHODS: readonly OpenApiMethod[] = Object.freeze([
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
]);

/**
 * The OpenAPI methods in the order tables and counts show them: an apidoc's methods first, in
 * its order (the columns every Proxmox table has), then the others in the specification's order.
 */
export const REPORTED_METHODS: readonly OpenApiMethod[] = Object.freeze([
  ...APIDOC_METHODS.map((method) => method.toLowerCase() as OpenApiMethod),
  ...OPENAPI_METHODS.filter((method) => !APIDOC_METHODS.includes(method.toUpperCase() as HttpMethod)),
]);
