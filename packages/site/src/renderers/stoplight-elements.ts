import { escapeHtml, type Renderer, referencePage, sameNameAssets } from './renderer.js';

/** Stoplight Elements (`@stoplight/elements`): the web-components bundle and its stylesheet. */
export const stoplightElements: Renderer = {
  id: 'stoplight-elements',
  name: 'Stoplight Elements',
  packageName: '@stoplight/elements',
  version: '9.0.25',
  assets: sameNameAssets('web-components.min.js', 'styles.min.css', 'LICENSE'),
  page: (input) =>
    referencePage(input, {
      stylesheets: ['styles.min.css'],
      bodyAttributes: 'style="height:100vh;margin:0"',
      body: `<elements-api apiDescriptionUrl="${escapeHtml(input.documentUrl)}" router="hash" layout="sidebar"></elements-api>
<script src="${escapeHtml(input.assetsUrl)}web-components.min.js"></script>`,
    }),
  operationHash: (op) => `#/operations/${encodeURIComponent(op.operationId)}`,
};
