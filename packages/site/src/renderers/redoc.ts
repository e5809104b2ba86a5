import { escapeHtml, type Renderer } from './renderer.js';

/** Redoc 3 (`redoc`): the standalone bundle (an ES module carrying React and its styles) and its `<redoc>` element. */
export const redoc: Renderer = {
  id: 'redoc',
  name: 'Redoc 3',
  packageName: 'redoc',
  version: '3.0.1',
  assets: [
    { from: 'bundles/redoc.standalone.js', to: 'redoc.standalone.js' },
    { from: 'LICENSE', to: 'LICENSE' },
  ],
  page: (input) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(input.title)}</title>
${input.style ? `<style>${input.style}</style>` : ''}
</head>
<body>
${input.header ?? ''}
<redoc spec-url="${escapeHtml(input.documentUrl)}" disable-telemetry="true"></redoc>
<script type="module" src="${escapeHtml(input.assetsUrl)}redoc.standalone.js"></script>
</body>
</html>
`,
  // Redoc 3 routes an operation as #/<tag>/<operationId in lower case>.
  operationHash: (op) =>
    `#/${encodeURIComponent(op.tag)}/${encodeURIComponent(op.operationId.toLowerCase())}`,
};
