import type { ApiMethod, ApiTarget, HttpMethod } from '@proxmox-openapi/core';
import { toFlag } from './normalize.js';

/** Names of the security schemes in `components.securitySchemes`. */
export const SECURITY = Object.freeze({ token: 'ApiToken', ticket: 'Ticket', csrf: 'CsrfToken' });

/**
 * The two ways to authenticate, from the target: an API token in the `Authorization` header, or
 * the ticket cookie that `POST /access/ticket` returns, whose writes also need the
 * `CSRFPreventionToken` header (a token-authenticated request needs no CSRF token).
 */
export function securitySchemes(target: ApiTarget): Record<string, unknown> {
  return {
    [SECURITY.token]: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: `An API token: \`Authorization: ${target.tokenPrefix}=USER@REALM!TOKENID=SECRET\` (PVE separates the secret with \`=\`, PBS with \`:\`; see the product documentation).`,
    },
    [SECURITY.ticket]: {
      type: 'apiKey',
      in: 'cookie',
      name: target.authCookie,
      description: `The ticket that \`POST /access/ticket\` returns, sent as the \`${target.authCookie}\` cookie.`,
    },
    [SECURITY.csrf]: {
      type: 'apiKey',
      in: 'header',
      name: 'CSRFPreventionToken',
      description:
        'The CSRFPreventionToken that `POST /access/ticket` returns. Needed with the ticket cookie for POST, PUT and DELETE; not with an API token.',
    },
  };
}

/** Whether anyone may call the method without authenticating (`permissions.user = "world"`). */
export function isWorld(definition: ApiMethod): boolean {
  return definition.permissions?.user === 'world';
}

/**
 * The security requirements of one operation. `protected` is not about authentication (it means
 * "runs in the privileged daemon"), so it plays no part here; `allowtoken: 0` refuses tokens.
 */
export function operationSecurity(method: HttpMethod, definition: ApiMethod): Record<string, string[]>[] {
  if (isWorld(definition)) return [];
  const ticket: Record<string, string[]> =
    method === 'GET' ? { [SECURITY.ticket]: [] } : { [SECURITY.ticket]: [], [SECURITY.csrf]: [] };
  const tokensAllowed = definition.allowtoken === undefined || toFlag(definition.allowtoken) !== false;
  return tokensAllowed ? [{ [SECURITY.token]: [] }, ticket] : [ticket];
}
