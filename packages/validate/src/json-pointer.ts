/** Escapes one reference token of a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function escapeToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Builds a JSON pointer from its unescaped tokens: `pointer('paths', '/nodes', 'get')` → `/paths/~1nodes/get`. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join('');
}

/** Turns a URI-fragment pointer as Redocly reports it (`#/paths/~1a`) into a plain JSON pointer (`/paths/~1a`). */
export function fromFragment(fragment: string): string {
  const plain = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  return plain === '/' ? '' : plain;
}

/** The value a JSON pointer points at in a document, or undefined. */
export function valueAt(document: unknown, at: string): unknown {
  if (at === '') return document;
  let current = document;
  for (const raw of at.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) current = current[Number(token)];
    else if (typeof current === 'object' && current !== null)
      current = (current as Record<string, unknown>)[token];
    else return undefined;
  }
  return current;
}
