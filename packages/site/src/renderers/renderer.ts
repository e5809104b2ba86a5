export { escapeHtml } from '../pages/html.js';

/** One file of a renderer's npm package that a page needs, copied into the site as it is. */
export interface RendererAsset {
  /** Path inside the npm package. */
  from: string;
  /** File name inside the site's `assets/<renderer id>/` folder. */
  to: string;
}

/** What a reference page needs to know to show one document. */
export interface ReferencePageInput {
  /** The page title. */
  title: string;
  /** URL of the OpenAPI document, relative to the page. */
  documentUrl: string;
  /** URL of the renderer's asset folder, relative to the page, with a trailing slash. */
  assetsUrl: string;
  /** Extra HTML placed at the top of `<body>` (the site's navigation bar). */
  header?: string;
  /** Extra CSS for the header. */
  style?: string;
}

/**
 * An OpenAPI reference renderer available from the npm registry: which files of its package the
 * page loads, the page itself, and how to link to one operation. The bench measures every one;
 * the site uses the one the measurement chose.
 */
export interface Renderer {
  id: string;
  /** Display name. */
  name: string;
  /** npm package and the exact version measured and shipped. */
  packageName: string;
  version: string;
  assets: readonly RendererAsset[];
  /** The whole HTML page. */
  page(input: ReferencePageInput): string;
  /** The URL fragment (with `#`) that opens one operation. */
  operationHash(operation: { method: string; path: string; operationId: string; tag: string }): string;
}

/** A JavaScript string literal that is safe inside an inline `<script>`. */
export function scriptString(text: string): string {
  return JSON.stringify(text).replaceAll('<', '\\u003c');
}
