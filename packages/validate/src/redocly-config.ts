/**
 * The committed Redocly configuration that `validateSpec` lints with. `recommended` as it is:
 * the generated documents are meant to pass it with 0 errors and 0 warnings, so no rule is
 * switched off here. A rule that truly does not apply to Proxmox documents gets an entry below
 * with the reason beside it, never a silent `off`.
 */
export const REDOCLY_CONFIG = {
  extends: ['recommended'],
  rules: {},
} as const;
