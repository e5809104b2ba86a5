import { escapeHtml, type Renderer, referencePage, sameNameAssets, scriptString } from './renderer.js';

/** Swagger UI (`swagger-ui-dist`): the bundle and its stylesheet, no framework on the page. */
export const swaggerUi: Renderer = {
  id: 'swagger-ui',
  name: 'Swagger UI',
  packageName: 'swagger-ui-dist',
  version: '5.35.0',
  assets: sameNameAssets('swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE'),
  page: (input) =>
    referencePage(input, {
      stylesheets: ['swagger-ui.css'],
      body: `<div id="reference"></div>
<script src="${escapeHtml(input.assetsUrl)}swagger-ui-bundle.js"></script>
<script>
// Swagger UI's filter box matches tag names only; on a document with six tags and 646
// operations that finds nothing useful. This plugin makes it match the path, the summary and
// the operationId of each operation (case-insensitive) and drops tags left empty.
function OperationFilterPlugin() {
  function has(value, phrase) { return typeof value === 'string' && value.toLowerCase().indexOf(phrase) !== -1; }
  return { fn: { opsFilter: function (taggedOps, phrase) {
    var wanted = String(phrase).trim().toLowerCase();
    if (!wanted) return taggedOps;
    return taggedOps
      .map(function (tagObj) {
        return tagObj.set('operations', tagObj.get('operations').filter(function (op) {
          var operation = op.get('operation');
          return has(op.get('path'), wanted) || has(operation.get('summary'), wanted) || has(operation.get('operationId'), wanted);
        }));
      })
      .filter(function (tagObj) { return tagObj.get('operations').size > 0; });
  } } };
}
window.ui = SwaggerUIBundle({
  url: ${scriptString(input.documentUrl)},
  dom_id: '#reference',
  deepLinking: true,
  filter: true,
  validatorUrl: null,
  docExpansion: 'list',
  defaultModelsExpandDepth: -1,
  plugins: [OperationFilterPlugin],
});
</script>`,
    }),
  // With deepLinking, Swagger UI names an operation #/<tag>/<operationId>.
  operationHash: (op) => `#/${encodeURIComponent(op.tag)}/${encodeURIComponent(op.operationId)}`,
};
