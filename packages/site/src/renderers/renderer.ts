import { escapeHtml, pageStart } from '../pages/html.js';

export { escapeHtml };

/** One file of a renderer's npm package that a page needs, copied into the site as it is. */
export interface RendererAsset {
  /** Path inside the npm package. */
  from: string;
  /** File name inside the site's `assets/<renderer id>/` folder. */
  to: string;
}

/**
 * Assets copied under their own name from the top of the package: `LICENSE` is `LICENSE` in
 * the site too. A file from a sub-folder, or renamed, is written out as `{ from, to }`.
 */
export function sameNameAssets(...files: string[]): RendererAsset[] {
  return files.map((file) => ({ from: file, to: file }));
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

/** What one renderer adds to the page every renderer shares. */
export interface ReferencePageParts {
  /** Its stylesheets, as file names inside its asset folder. */
  stylesheets?: readonly string[];
  /** Attributes of `<body>` (a renderer that needs the full viewport height). */
  bodyAttributes?: string;
  /** Its markup and scripts, placed after the site's header. */
  body: string;
}

/**
 * The page every renderer shares: the head (charset, viewport, no icon request, the title, the
 * renderer's stylesheets, the site's style) and the body (the site's header, then the
 * renderer's own markup), so a renderer writes only what differs.
 */
export function referencePage(input: ReferencePageInput, parts: ReferencePageParts): string {
  const stylesheets = (parts.stylesheets ?? []).map(
    (file) => `<link rel="stylesheet" href="${escapeHtml(input.assetsUrl)}${file}">\n`,
  );
  return `${pageStart(input.title)}${stylesheets.join('')}${input.style ? `<style>${input.style}</style>` : ''}
</head>
<body${parts.bodyAttributes ? ` ${parts.bodyAttributes}` : ''}>
${input.header ?? ''}
${parts.body}
</body>
</html>
`;
}
