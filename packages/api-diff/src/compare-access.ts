import type { ApiMethod, JsonValue } from '@proxmox-openapi/core';
import { type ChangeSink, quote } from './change-sink.js';
import { canonicalJson, isRecord, readDescription, readFlag, sortKeys } from './normalize.js';

/*
 * Who may call an operation and where it runs. PVE writes `permissions` as `user`, `check` and
 * `description`; PBS nests `and`/`or` trees: everything but `user` and `description` is compared
 * as the check, as canonical JSON.
 */

function permissionParts(method: ApiMethod): { check: JsonValue; user: JsonValue; description?: string } {
  const permissions = isRecord(method.permissions) ? method.permissions : {};
  const { user, description, ...check } = permissions;
  const keys = Object.keys(check);
  return {
    // PVE's `check` alone is shown as its value; PBS's `and`/`or` trees as the object.
    check:
      keys.length === 0
        ? null
        : keys.length === 1 && keys[0] === 'check'
          ? sortKeys(check.check)
          : sortKeys(check),
    user: user === undefined ? null : sortKeys(user),
    description: typeof description === 'string' ? readDescription({ description }) : undefined,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Compares permissions, `allowtoken`, `protected` and `proxyto` of one operation. */
export function compareAccess(sink: ChangeSink, old: ApiMethod, next: ApiMethod) {
  const before = permissionParts(old);
  const after = permissionParts(next);
  if (canonicalJson(before.check) !== canonicalJson(after.check)) {
    sink.add(
      'access-permission-check-changed',
      'permissions check',
      before.check,
      after.check,
      `permission check changed from ${quote(before.check)} to ${quote(after.check)}`,
    );
  }
  if (canonicalJson(before.user) !== canonicalJson(after.user)) {
    sink.add(
      'access-permission-user-changed',
      'permissions user',
      before.user,
      after.user,
      `permitted users changed from ${quote(before.user)} to ${quote(after.user)}`,
    );
  }
  if (sink.descriptions && before.description !== after.description) {
    sink.add(
      'access-permission-description-changed',
      'permissions description',
      before.description,
      after.description,
      'permissions description changed',
    );
  }

  // A method without `allowtoken` admits tokens: the PVE dumper writes 0 where it does not.
  const tokenBefore = readFlag(old.allowtoken) ?? true;
  const tokenAfter = readFlag(next.allowtoken) ?? true;
  if (tokenBefore !== tokenAfter) {
    sink.add(
      tokenAfter ? 'access-token-allowed' : 'access-token-disallowed',
      'allowtoken',
      tokenBefore,
      tokenAfter,
      tokenAfter ? 'API tokens may now call it' : 'API tokens may no longer call it',
    );
  }

  const protectedBefore = readFlag(old.protected) ?? false;
  const protectedAfter = readFlag(next.protected) ?? false;
  if (protectedBefore !== protectedAfter) {
    sink.add(
      'access-protected-changed',
      'protected',
      protectedBefore,
      protectedAfter,
      `\`protected\` changed from ${protectedBefore} to ${protectedAfter}`,
    );
  }

  const proxyBefore = text(old.proxyto);
  const proxyAfter = text(next.proxyto);
  if (proxyBefore !== proxyAfter) {
    sink.add(
      'access-proxyto-changed',
      'proxyto',
      proxyBefore,
      proxyAfter,
      `\`proxyto\` changed from ${quote(proxyBefore)} to ${quote(proxyAfter)}`,
    );
  }
}
