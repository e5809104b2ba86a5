import { apiDocumentFileName } from '@proxmox-openapi/core';
import type { PublishedApi } from '../published-api.js';
import type { Renderer } from '../renderers/renderer.js';
import { navigation } from './html.js';

/** The bar's own style, inlined so that the renderer's stylesheet stays the only one the page loads. */
const BAR_STYLE =
  'body{margin:0}.site-nav{display:flex;gap:1.25rem;align-items:center;padding:.6rem 1.5rem;background:#1b1f24;font:14px/1.4 system-ui,sans-serif}.site-nav a{color:#fff;text-decoration:none}.site-nav a:first-child{font-weight:600;color:#e57000}';

/** `<id>/index.html`: the product's document in the chosen renderer, under the site's bar. */
export function referencePage(api: PublishedApi, renderer: Renderer): string {
  return renderer.page({
    title: `${api.name} API reference`,
    documentUrl: apiDocumentFileName(api.id, 'json'),
    assetsUrl: `../assets/${renderer.id}/`,
    header: navigation('../', { id: api.id, name: api.name, hasChanges: api.changelog !== undefined }),
    style: BAR_STYLE,
  });
}
