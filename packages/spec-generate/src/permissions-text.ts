/**
 * The permission check of an operation in words, for its description: reference pages and
 * generated doc comments show descriptions, not `x-proxmox-permissions`. PVE and PMG write a
 * check as nested lists (`['perm', '/vms/{vmid}', ['VM.PowerMgmt']]`, `['and', …]`, `['or', …]`);
 * PBS as `{path: [...], privs: [...], partial}`. A shape this function does not know is left to
 * the extension rather than guessed at.
 */
export function permissionsText(permissions: unknown): string | undefined {
  if (typeof permissions !== 'object' || permissions === null || Array.isArray(permissions)) return undefined;
  const p = permissions as Record<string, unknown>;
  const parts: string[] = [];
  const check = p.check === undefined ? undefined : checkText(p.check);
  if (check !== undefined) parts.push(`Requires ${check}.`);
  else if (p.user === 'world') parts.push('Requires no authentication.');
  else if (p.user === 'all') parts.push('Any authenticated user may call it.');
  if (typeof p.description === 'string' && p.description.trim() !== '') parts.push(p.description.trim());
  return parts.length > 0 ? `Permissions: ${parts.join(' ')}` : undefined;
}

function list(values: unknown): string[] | undefined {
  return Array.isArray(values) && values.every((v) => typeof v === 'string')
    ? (values as string[])
    : undefined;
}

function checkText(check: unknown): string | undefined {
  if (Array.isArray(check)) {
    const [kind, ...rest] = check;
    if (kind === 'perm' && typeof rest[0] === 'string') {
      const privileges = list(rest[1]);
      if (!privileges) return undefined;
      const any = rest[2] === 'any' && rest[3] !== 0 && rest[3] !== '0';
      return `${privileges.join(any ? ' or ' : ' and ')} on ${rest[0]}`;
    }
    if (kind === 'and' || kind === 'or') {
      const inner = rest.map(checkText);
      if (inner.some((t) => t === undefined) || inner.length === 0) return undefined;
      return inner.length === 1 ? inner[0] : `(${inner.join(`) ${kind} (`)})`;
    }
    if (kind === 'userid-group') {
      const privileges = list(rest[0]);
      return privileges ? `${privileges.join(' or ')} on a group of the user` : undefined;
    }
    if (kind === 'userid-param' && rest[0] === 'self')
      return 'the user to be the user of the `userid` parameter';
    if (kind === 'userid-param' && typeof rest[0] === 'string')
      return `${rest[0]} on the realm of the \`userid\` parameter`;
    if (kind === 'perm-modify' && typeof rest[0] === 'string')
      return `the right to modify permissions on ${rest[0]}`;
    return undefined;
  }
  if (typeof check === 'object' && check !== null) {
    const c = check as Record<string, unknown>;
    const path = list(c.path);
    const privileges = list(c.privs);
    if (!path || !privileges) return undefined;
    const where = `/${path.join('/')}`;
    const partial = c.partial === true || c.partial === 1 ? ' (or on a path below it)' : '';
    return `${privileges.join(' and ')} on ${where}${partial}`;
  }
  return undefined;
}
