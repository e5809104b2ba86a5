import { escapeHtml, type Renderer, referencePage, sameNameAssets } from './renderer.js';

/** Redoc 3 (`redoc`): the standalone bundle (an ES module carrying React and its styles) and its `<redoc>` element. */
export const redoc: Renderer = {
  id: 'redoc',
  name: 'Redoc 3',
  packageName: 'redoc',
  version: '3.0.1',
  assets: [{ from: 'bundles/redoc.standalone.js', to: 'redoc.standalone.js' }, ...sameNameAssets('LICENSE')],
  page: (input) =>
    referencePage(input, {
      body: `<redoc spec-url="${escapeHtml(input.documentUrl)}" disable-telemetry="true"></redoc>
<script type="module" src="${escapeHtml(input.assetsUrl)}redoc.standalone.js"></script>`,
    }),
  // Redoc 3 routes an operation as #/<tag>/<operationId in lower case>.
  operationHash: (op) =>
    `#/${encodeURIComponent(op.tag)}/${encodeURIComponent(op.operationId.toLowerCase())}`,
};
