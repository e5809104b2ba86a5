import { escapeHtml, type Renderer, referencePage } from './renderer.js';

/** Stoplight Elements (`@stoplight/elements`): the web-components bundle and its stylesheet. */
export const stoplightElements: Renderer = {
  id: 'stoplight-elements',
  name: 'Stoplight Elements',
  packageName: '@stoplight/elements',
  version: '9.0.25',
  assets: [
    { from: 'web-components.min.js', to: 'web-components.min.js' },
    { from: 'styles.min.css', to: 'styles.min.css' },
    { from: 'LICENSE', to: 'LICENSE' },
  ],
  page: (input) =>
    referencePage(input, {
      stylesheets: ['styles.min.css'],
      bodyAttributes: 'style="height:100vh;margin:0"',
      body: `<elements-api apiDescriptionUrl="${escapeHtml(input.documentUrl)}" router="hash" layout="sidebar"></elements-api>
<script src="${escapeHtml(input.assetsUrl)}web-components.min.js"></script>`,
    }),
  operationHash: (op) => `#/operations/${encodeURIComponent(op.operationId)}`,
};
