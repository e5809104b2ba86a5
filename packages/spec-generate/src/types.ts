import type { ApiTarget } from '@proxmox-openapi/core';

/** The OpenAPI version of a generated document: `3.0` emits 3.0.3, `3.1` emits 3.1.0. */
export type OpenApiVersion = '3.0' | '3.1';

/** What `generateSpec` needs besides the tree. */
export interface GenerateOptions {
  /**
   * The Proxmox product the tree belongs to (its registry entry): title, port, authentication,
   * pattern dialect, notes and snapshot facts.
   */
  target: ApiTarget;
  /** The OpenAPI version to emit; default `3.0` (document version "3.0.3"). */
  openapi?: OpenApiVersion;
  /** `info.version`; default a value derived from the tree's content only, never from the clock. */
  version?: string;
  /**
   * The date of the schema (ISO 8601 or `YYYY-MM-DD`): stated in `info.description`, and it
   * decides whether the target's outdated-snapshot warning applies. Default: not stated, and
   * the warning of a target with an outdated snapshot applies.
   */
  sourceDate?: string;
}

/** A JSON Schema object as it appears in the document (both 3.0 and 3.1 dialects). */
export type OpenApiSchema = { [keyword: string]: unknown };

/** The generated OpenAPI document: plain JSON data. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  info: { title: string; version: string; description?: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
};
