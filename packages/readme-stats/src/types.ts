/** Where a document came from and what it weighs: the part of the statistics the document cannot tell. */
export interface StatsMeta {
  /** The URL the apidoc was downloaded from. */
  sourceUrl: string;
  /** sha256 of the downloaded apidoc.js. */
  sourceSha256: string;
  /** The source's own date (its Last-Modified, else the fetch time of the snapshot), never "now". */
  sourceDate: string;
  /** The version of the generator that wrote the document. */
  generatorVersion: string;
  /** Size in bytes of the JSON document. */
  jsonBytes: number;
  /** Size in bytes of the YAML document (0 when there is none). */
  yamlBytes: number;
}

/** What an OpenAPI document of a Proxmox API holds, ready for a README. */
export interface SpecStats {
  /** The API target id (`pve`, `pbs`, …). */
  api: string;
  /** `info.title` of the document. */
  title: string;
  /** The OpenAPI version of the document (`3.0.3`, `3.1.0`). */
  openapi: string;
  /** Paths that carry at least one operation. */
  paths: number;
  /** (path, method) pairs. */
  operations: number;
  /** Operations per HTTP method, upper case (`GET`, `POST`, `PUT`, `DELETE` always present). */
  operationsByMethod: Record<string, number>;
  /** Operations per top-level path segment (`nodes` for `/nodes/{node}/qemu`; `/` for the root). */
  operationsByGroup: Record<string, number>;
  /** Parameters over all operations: path, query and header parameters plus request body properties. */
  parameters: number;
  /** Named schemas in `components.schemas`. */
  schemas: number;
  jsonBytes: number;
  yamlBytes: number;
  sourceUrl: string;
  sourceSha256: string;
  sourceDate: string;
  generatorVersion: string;
}
