import {
  type ApiMethod,
  type ApiTarget,
  apiTokenHeaderExample,
  type HttpMethod,
} from '@proxmox-openapi/core';
import { toFlag } from './normalize.js';

/** Names of the security schemes in `components.securitySchemes`. */
export const SECURITY = Object.freeze({ token: 'ApiToken', ticket: 'Ticket', csrf: 'CsrfToken' });

/**
 * The ways to authenticate, from the target's registry entry: an API token in the
 * `Authorization` header (only for products that have API tokens; PMG has none), or the ticket
 * cookie that `POST /access/ticket` hands out, whose writes also need the `CSRFPreventionToken`
 * header (a token-authenticated request needs no CSRF token).
 */
export function securitySchemes(target: ApiTarget): Record<string, unknown> {
  const schemes: Record<string, unknown> = {};
  const header = apiTokenHeaderExample(target);
  if (header !== undefined) {
    const separator = target.auth.apiToken?.separator === ':' ? 'a colon (`:`)' : 'an equals sign (`=`)';
    schemes[SECURITY.token] = {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: `An API token: \`Authorization: ${header}\`. ${target.name} separates the token id from the secret with ${separator}.`,
    };
  }
  const delivered =
    target.auth.ticketDelivery === 'http-only-cookie'
      ? `that \`POST /access/ticket\` sets as an HttpOnly cookie (its JSON answer carries only \`ticket-info\`)`
      : 'that `POST /access/ticket` returns';
  schemes[SECURITY.ticket] = {
    type: 'apiKey',
    in: 'cookie',
    name: target.auth.cookie,
    description: `The ticket ${delivered}, sent as the \`${target.auth.cookie}\` cookie.`,
  };
  schemes[SECURITY.csrf] = {
    type: 'apiKey',
    in: 'header',
    name: 'CSRFPreventionToken',
    description:
      header === undefined
        ? 'The CSRFPreventionToken that `POST /access/ticket` returns. Needed with the ticket cookie for POST, PUT and DELETE.'
        : 'The CSRFPreventionToken that `POST /access/ticket` returns. Needed with the ticket cookie for POST, PUT and DELETE; not with an API token.',
  };
  return schemes;
}

/** Whether anyone may call the method without authenticating (`permissions.user = "world"`). */
export function isWorld(definition: ApiMethod): boolean {
  return definition.permissions?.user === 'world';
}

/**
 * The security requirements of one operation. `protected` is not about authentication (it means
 * "runs in the privileged daemon"), so it plays no part here; `allowtoken: 0` refuses tokens,
 * and so does a product without API tokens.
 */
export function operationSecurity(
  method: HttpMethod,
  definition: ApiMethod,
  target: ApiTarget,
): Record<string, string[]>[] {
  if (isWorld(definition)) return [];
  const ticket: Record<string, string[]> =
    method === 'GET' ? { [SECURITY.ticket]: [] } : { [SECURITY.ticket]: [], [SECURITY.csrf]: [] };
  // A product without API tokens (PMG) marks methods `allowtoken: 1` all the same: the
  // registry, not the flag, says whether tokens exist.
  const tokensAllowed =
    target.auth.apiToken !== null &&
    (definition.allowtoken === undefined || toFlag(definition.allowtoken) !== false);
  return tokensAllowed ? [{ [SECURITY.token]: [] }, ticket] : [ticket];
}
