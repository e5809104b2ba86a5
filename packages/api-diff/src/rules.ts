import type { ChangeLevel, ChangeSide } from './types.js';

/** What a rule reports, at which level and side, and why that level (one line, for the README). */
export interface RuleDefinition {
  level: ChangeLevel;
  side: ChangeSide;
  /** What the rule reports. */
  what: string;
  /** Why this level. */
  why: string;
}

const BREAKS = 'a client that worked against the old version can fail against the new one';

/**
 * Every rule, by its stable id. An id never changes meaning and is never reused: consumers
 * (the changes pages, `--fail-on`, people's filters) key on it. Parameter rules apply to a
 * parameter, to a nested property of an object parameter and to a property-string key alike
 * (the location says which).
 */
export const RULES = Object.freeze({
  'operation-added': {
    level: 'info',
    side: 'request',
    what: 'an operation (method and path) appeared',
    why: 'nothing that a client already calls changed',
  },
  'operation-removed': {
    level: 'breaking',
    side: 'request',
    what: 'an operation disappeared',
    why: `${BREAKS}: the call is answered 501 or 404`,
  },
  'operation-description-changed': {
    level: 'info',
    side: 'request',
    what: "the operation's description changed",
    why: 'text only (whitespace-only edits are not reported)',
  },
  'request-parameter-added-optional': {
    level: 'info',
    side: 'request',
    what: 'a new optional parameter',
    why: 'old calls do not send it and still work',
  },
  'request-parameter-added-required': {
    level: 'breaking',
    side: 'request',
    what: 'a new required parameter',
    why: `${BREAKS}: old calls lack it and are refused`,
  },
  'request-parameter-removed': {
    level: 'breaking',
    side: 'request',
    what: 'a parameter disappeared',
    why: `${BREAKS}: Proxmox refuses parameters its schema does not define`,
  },
  'request-parameter-became-required': {
    level: 'breaking',
    side: 'request',
    what: 'an optional parameter (or property-string key) became required',
    why: `${BREAKS}: calls that omitted it are refused`,
  },
  'request-parameter-became-optional': {
    level: 'info',
    side: 'request',
    what: 'a required parameter (or key) became optional',
    why: 'every old call still sends it',
  },
  'request-parameter-type-changed': {
    level: 'breaking',
    side: 'request',
    what: "the parameter's type changed (booleans compared as booleans whatever their encoding)",
    why: `${BREAKS}: values of the old type may be refused`,
  },
  'request-parameter-format-changed': {
    level: 'warning',
    side: 'request',
    what: 'the named format (`pve-vmid`, `pve-storage-id`, …) changed, or a value became or stopped being a property string',
    why: 'the accepted values changed in a way the schema does not spell out; review it',
  },
  'request-parameter-enum-value-added': {
    level: 'info',
    side: 'request',
    what: 'a value was added to an enum',
    why: 'every old value is still accepted',
  },
  'request-parameter-enum-value-removed': {
    level: 'breaking',
    side: 'request',
    what: 'a value was removed from an enum',
    why: `${BREAKS}: a call that sent that value is refused`,
  },
  'request-parameter-enum-added': {
    level: 'breaking',
    side: 'request',
    what: 'a free value became restricted to a list',
    why: `${BREAKS}: values outside the list are refused`,
  },
  'request-parameter-enum-removed': {
    level: 'info',
    side: 'request',
    what: 'a list of values was lifted',
    why: 'every old value is still accepted',
  },
  'request-parameter-minimum-raised': {
    level: 'breaking',
    side: 'request',
    what: 'the minimum was raised (or set where there was none)',
    why: `${BREAKS}: values between the old and the new minimum are refused`,
  },
  'request-parameter-minimum-lowered': {
    level: 'info',
    side: 'request',
    what: 'the minimum was lowered (or dropped)',
    why: 'every old value is still accepted',
  },
  'request-parameter-maximum-lowered': {
    level: 'breaking',
    side: 'request',
    what: 'the maximum was lowered (or set where there was none)',
    why: `${BREAKS}: values between the new and the old maximum are refused`,
  },
  'request-parameter-maximum-raised': {
    level: 'info',
    side: 'request',
    what: 'the maximum was raised (or dropped)',
    why: 'every old value is still accepted',
  },
  'request-parameter-bound-tightened-under-format': {
    level: 'warning',
    side: 'request',
    what: 'a minimum was raised or a maximum lowered (or set) on a value whose named format is the same on both sides',
    why: "the server checks a named format on its own and may have refused those values already (pve-docs 8.0 stated `pve-vmid`'s 100..999999999 this way); review it",
  },
  'request-parameter-length-narrowed': {
    level: 'breaking',
    side: 'request',
    what: 'minLength raised or maxLength lowered',
    why: `${BREAKS}: strings of a length the old version accepted are refused`,
  },
  'request-parameter-length-widened': {
    level: 'info',
    side: 'request',
    what: 'minLength lowered or maxLength raised',
    why: 'every old value is still accepted',
  },
  'request-parameter-pattern-changed': {
    level: 'warning',
    side: 'request',
    what: 'the pattern changed, appeared or disappeared',
    why: 'whether the new pattern accepts every old value cannot be decided in general; review it',
  },
  'request-parameter-default-changed': {
    level: 'warning',
    side: 'request',
    what: 'the default changed (booleans compared as booleans: `0` and `false` are equal)',
    why: 'a call that omits the parameter now behaves differently, although it is not refused',
  },
  'request-parameter-description-changed': {
    level: 'info',
    side: 'request',
    what: "a parameter's or key's description changed",
    why: 'text only (whitespace-only edits are not reported)',
  },
  'request-parameter-index-range-narrowed': {
    level: 'breaking',
    side: 'request',
    what: 'an indexed family such as `net[n]` accepts fewer indexes (as its description states the range)',
    why: `${BREAKS}: \`net31\` may no longer exist`,
  },
  'request-parameter-index-range-widened': {
    level: 'info',
    side: 'request',
    what: 'an indexed family accepts more indexes',
    why: 'every old name still exists',
  },
  'request-property-key-added-optional': {
    level: 'info',
    side: 'request',
    what: 'a property string gained an optional key',
    why: 'old values do not carry it and are still valid',
  },
  'request-property-key-added-required': {
    level: 'breaking',
    side: 'request',
    what: 'a property string gained a required key',
    why: `${BREAKS}: old values lack it and are refused`,
  },
  'request-property-key-removed': {
    level: 'breaking',
    side: 'request',
    what: 'a property string lost a key',
    why: `${BREAKS}: values that use the key are refused`,
  },
  'response-property-added': {
    level: 'info',
    side: 'response',
    what: 'the answer gained a property',
    why: 'clients ignore what they do not read',
  },
  'response-property-removed': {
    level: 'breaking',
    side: 'response',
    what: 'the answer lost a property that was always returned',
    why: `${BREAKS}: a client that reads it finds nothing`,
  },
  'response-optional-property-removed': {
    level: 'warning',
    side: 'response',
    what: 'the answer lost a property that was optional',
    why: 'a client had to handle its absence already, but it no longer gets the value; review it',
  },
  'response-property-type-changed': {
    level: 'breaking',
    side: 'response',
    what: 'a returned value (or the whole answer) changed type',
    why: `${BREAKS}: a typed client cannot read the new value`,
  },
  'response-property-became-optional': {
    level: 'breaking',
    side: 'response',
    what: 'a property that was always returned may now be missing',
    why: `${BREAKS}: a client that relies on it may find nothing`,
  },
  'response-property-became-required': {
    level: 'info',
    side: 'response',
    what: 'a property that could be missing is now always returned',
    why: 'clients that handled its absence still work',
  },
  'response-enum-value-added': {
    level: 'warning',
    side: 'response',
    what: 'a returned value may take a new enum value',
    why: 'a client that switches over the old values meets one it does not know',
  },
  'response-enum-value-removed': {
    level: 'info',
    side: 'response',
    what: 'a returned value no longer takes an enum value',
    why: 'clients that handle it still work',
  },
  'response-property-description-changed': {
    level: 'info',
    side: 'response',
    what: "a returned property's description changed",
    why: 'text only (whitespace-only edits are not reported)',
  },
  'access-permission-check-changed': {
    level: 'warning',
    side: 'access',
    what: 'the permission check (`check`) changed',
    why: 'it may ask more of the caller or less; which one needs a person to read it',
  },
  'access-permission-user-changed': {
    level: 'warning',
    side: 'access',
    what: 'who may call it (`user`: `all`, `root@pam`, …) changed',
    why: 'it may exclude callers that were allowed, or admit more; review it',
  },
  'access-permission-description-changed': {
    level: 'info',
    side: 'access',
    what: "the permissions' description changed",
    why: 'text only',
  },
  'access-token-disallowed': {
    level: 'breaking',
    side: 'access',
    what: '`allowtoken` went from 1 to 0: API tokens may no longer call it',
    why: `${BREAKS}: a client that authenticates with an API token is refused`,
  },
  'access-token-allowed': {
    level: 'info',
    side: 'access',
    what: '`allowtoken` went from 0 to 1',
    why: 'more callers are admitted, none refused',
  },
  'access-protected-changed': {
    level: 'info',
    side: 'access',
    what: '`protected` changed (the call runs in the privileged daemon, proxied through it)',
    why: 'the server side changes; the request and its answer do not',
  },
  'access-proxyto-changed': {
    level: 'info',
    side: 'access',
    what: '`proxyto` changed (which node the cluster forwards the call to)',
    why: 'the cluster forwards the call itself; the client sends the same request',
  },
} as const satisfies Record<string, RuleDefinition>);

/** A stable rule id. */
export type RuleId = keyof typeof RULES;

/** Every rule id, sorted. */
export const RULE_IDS: readonly RuleId[] = Object.freeze((Object.keys(RULES) as RuleId[]).sort());
