import { apiDocumentFileName } from '@proxmox-openapi/core';
/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Escaped text in which `code spans` (as the changelog messages write them) become `<code>`. */
export function inlineCode(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');
}

/** 1234567 → "1,234,567" without the locale of the machine that builds the site. */
export function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A byte count as MiB or KiB with one decimal. */
export function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The start of every page of the site, the reference pages too: up to and including its title. */
export function pageStart(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
`;
}

/** A page of the site's own (landing and changes pages): one stylesheet, no framework. */
export function sitePage(options: {
  title: string;
  /** Relative URL of the site root, with a trailing slash (`./` or `../`). */
  root: string;
  body: string;
  script?: string;
}): string {
  return `${pageStart(options.title)}<link rel="stylesheet" href="${options.root}assets/site.css">
</head>
<body>
${options.body}
${options.script ? `<script src="${options.root}${options.script}"></script>\n` : ''}</body>
</html>
`;
}

/** The bar at the top of every page: back to the products, and the product's own pages. */
export function navigation(root: string, api?: { id: string; name: string; hasChanges: boolean }): string {
  const links = [`<a href="${root}index.html">proxmox-openapi</a>`];
  if (api) {
    links.push(`<a href="${root}${api.id}/index.html">${escapeHtml(api.name)} API</a>`);
    if (api.hasChanges) links.push(`<a href="${root}${api.id}/changes.html">changes</a>`);
    links.push(`<a href="${root}${api.id}/${apiDocumentFileName(api.id, 'json')}" download>JSON</a>`);
  }
  return `<nav class="site-nav">${links.join('\n')}</nav>`;
}
