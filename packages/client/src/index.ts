export type { Auth, TicketAuth, TokenAuth } from './auth.js';
export type {
  ClientMethod,
  InitArgument,
  OperationOf,
  PathsWith,
  ProxmoxClient,
  RequestOptions,
  ResultData,
  WaitForTaskOptions,
} from './client-types.js';
export { type ClientOptions, createProxmoxClient } from './create-client.js';
export { ProxmoxApiError, ProxmoxTaskError } from './errors.js';
export { encodeParams } from './form-encoding.js';
export { getProduct, PRODUCTS, type Product, type ProductId } from './products.js';
export type { TlsOptions } from './tls.js';
export type { Timers } from './wait-for-task.js';
