import { escapeHtml, type Renderer } from './renderer.js';

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
  page: (input) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(input.title)}</title>
<link rel="stylesheet" href="${escapeHtml(input.assetsUrl)}styles.min.css">
${input.style ? `<style>${input.style}</style>` : ''}
</head>
<body style="height:100vh;margin:0">
${input.header ?? ''}
<elements-api apiDescriptionUrl="${escapeHtml(input.documentUrl)}" router="hash" layout="sidebar"></elements-api>
<script src="${escapeHtml(input.assetsUrl)}web-components.min.js"></script>
</body>
</html>
`,
  operationHash: (op) => `#/operations/${encodeURIComponent(op.operationId)}`,
};
