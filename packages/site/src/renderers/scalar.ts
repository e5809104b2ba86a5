import { escapeHtml, type Renderer, referencePage, scriptString } from './renderer.js';

/** Scalar's API reference (`@scalar/api-reference`): the standalone browser bundle (Vue inside). */
export const scalar: Renderer = {
  id: 'scalar',
  name: 'Scalar',
  packageName: '@scalar/api-reference',
  version: '1.76.0',
  assets: [{ from: 'dist/browser/standalone.js', to: 'standalone.js' }],
  page: (input) =>
    referencePage(input, {
      body: `<div id="reference"></div>
<script src="${escapeHtml(input.assetsUrl)}standalone.js"></script>
<script>
Scalar.createApiReference('#reference', {
  url: ${scriptString(input.documentUrl)},
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  proxyUrl: '',
});
</script>`,
    }),
  operationHash: (op) => `#tag/${encodeURIComponent(op.tag)}/${op.method.toUpperCase()}${op.path}`,
};
