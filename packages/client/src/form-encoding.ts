/**
 * Proxmox reads parameters as form fields (POST/PUT bodies) or query fields (GET/DELETE):
 * booleans as `1`/`0`, arrays as the same name repeated, names such as `net0` as they are.
 * `undefined` and `null` leave the field out (Proxmox has no way to say "null" in a form).
 */
export function encodeParams(params: Readonly<Record<string, unknown>> | undefined): string {
  const form = new URLSearchParams();
  if (!params) return '';
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = encodeValue(name, item);
      if (text !== undefined) form.append(name, text);
    }
  }
  return form.toString();
}

function encodeValue(name: string, value: unknown): string | undefined {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'boolean':
      return value ? '1' : '0';
    case 'string':
      return value;
    case 'number':
    case 'bigint':
      return String(value);
    default:
      if (value === null) return undefined;
      throw new TypeError(`parameter "${name}": a ${typeof value} cannot be sent as a form field`);
  }
}
