import type { OpenApiSchema } from './types.js';

/**
 * The named schemas of a document being generated. Names are derived from the operation and the
 * parameter that need them (never from a counter over the whole tree), so that a schema keeps its
 * name when unrelated parts of the API change.
 */
export class ComponentSchemas {
  private readonly schemas = new Map<string, OpenApiSchema>();

  /**
   * Adds a schema under a name and returns the name it got: the same name for the same content,
   * `Name2`, `Name3`, … when different content already uses it. Content is compared only when a
   * name is taken, which is rare, so adding stays cheap.
   */
  add(name: string, schema: OpenApiSchema): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? name : `${name}${n}`;
      const existing = this.schemas.get(candidate);
      if (existing === undefined) {
        this.schemas.set(candidate, schema);
        return candidate;
      }
      if (existing === schema || JSON.stringify(existing) === JSON.stringify(schema)) return candidate;
    }
  }

  /** Adds a schema under a fixed name once (shared schemas such as the boolean). */
  ensure(name: string, make: () => OpenApiSchema): string {
    if (!this.schemas.has(name)) this.schemas.set(name, make());
    return name;
  }

  /** Whether a name is taken. */
  has(name: string): boolean {
    return this.schemas.has(name);
  }

  /** The schemas sorted by name, so that the output does not depend on insertion order. */
  toObject(): Record<string, OpenApiSchema> {
    const out: Record<string, OpenApiSchema> = {};
    for (const name of [...this.schemas.keys()].sort()) out[name] = this.schemas.get(name) as OpenApiSchema;
    return out;
  }
}

/** A `$ref` to a component schema. */
export function schemaRef(name: string): OpenApiSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** `kebab_or-snake name` → `KebabOrSnakeName`, for component names and operationIds. */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
