import { apiDocumentFileName } from '@proxmox-openapi/core';
import type { PublishedApi } from '../published-api.js';
import { escapeHtml, navigation, sitePage, size, thousands } from './html.js';

function productCard(api: PublishedApi): string {
  const f = api.figures;
  const methods = Object.entries(f.operationsByMethod)
    .map(([method, count]) => `${method} ${thousands(count)}`)
    .join(', ');
  const rows: [string, string][] = [
    ['snapshot', api.snapshotDate ? escapeHtml(api.snapshotDate) : '<span class="muted">unknown</span>'],
    ['OpenAPI', escapeHtml(f.openapi)],
    ['paths', thousands(f.paths)],
    ['operations', `${thousands(f.operations)} <span class="muted">(${escapeHtml(methods)})</span>`],
  ];
  if (f.parameters !== undefined) rows.push(['parameters', thousands(f.parameters)]);
  if (f.schemas !== undefined) rows.push(['named schemas', thousands(f.schemas)]);
  if (api.changelog) {
    const latest = api.changelog.sections[0];
    rows.push([
      'changes',
      latest
        ? `${api.changelog.sections.length} release pairs; latest ${escapeHtml(latest.from.label)} → ${escapeHtml(latest.to.label)}: ${latest.summary.breaking} breaking`
        : 'none recorded',
    ]);
  }
  const links = [`<a href="${api.id}/index.html">API reference</a>`];
  if (api.changelog) links.push(`<a href="${api.id}/changes.html">what changed</a>`);
  links.push(
    `<a href="${api.id}/${apiDocumentFileName(api.id, 'json')}" download>JSON (${size(api.jsonBytes)})</a>`,
  );
  if (api.yamlBytes !== undefined) {
    links.push(
      `<a href="${api.id}/${apiDocumentFileName(api.id, 'yaml')}" download>YAML (${size(api.yamlBytes)})</a>`,
    );
  }
  return `<section class="product" id="${api.id}">
<h2>${escapeHtml(api.name)} <span class="muted">(${escapeHtml(api.id)})</span></h2>
<dl>
${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('\n')}
</dl>
<div class="links">${links.join('\n')}</div>
</section>`;
}

/** `index.html`: every product with its snapshot date, its figures and links to its pages and documents. */
export function landingPage(apis: readonly PublishedApi[]): string {
  return sitePage({
    title: 'Proxmox APIs as OpenAPI documents',
    root: './',
    body: `${navigation('./')}
<main>
<h1>Proxmox APIs as OpenAPI documents</h1>
<p>OpenAPI documents generated from the schemas that the Proxmox API viewers publish
(<code>apidoc.js</code>), one per product: browse each API, see what changed between releases, or
download the documents.</p>
<div class="products">
${apis.map(productCard).join('\n')}
</div>
</main>`,
  });
}
