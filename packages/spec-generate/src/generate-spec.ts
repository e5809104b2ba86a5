import {
  type ApiTarget,
  type ApiTree,
  apiTokenHeaderExample,
  listOperations,
  OPENAPI_METHODS,
  type OpenApiMethod,
  outdatedSnapshotWarning,
  sha256,
  walkApiTree,
} from '@proxmox-openapi/core';
import { ComponentSchemas } from './components.js';
import { tagDescription, tagFor } from './naming.js';
import { buildOperation } from './operation.js';
import { errorResponseComponents } from './responses.js';
import { securitySchemes } from './security.js';
import type { GenerateOptions, OpenApiDocument } from './types.js';

/** The default `info.version`: a digest of the tree, so the same input always says the same. */
function contentVersion(tree: ApiTree): string {
  return `apidoc-${sha256(JSON.stringify(tree)).slice(0, 12)}`;
}

/**
 * Turns an ApiTree into an OpenAPI document (3.0.3 by default, 3.1.0 on request). Synchronous,
 * pure and deterministic: the same tree and options give a deep-equal document every time.
 */
export function generateSpec(tree: ApiTree, options: GenerateOptions): OpenApiDocument {
  const { target } = options;
  const version = options.openapi ?? '3.0';
  const components = new ComponentSchemas();
  // The product's pattern dialect (Perl or Rust regex) is a fact of its registry entry.
  const ctx = { version, dialect: target.patternDialect, components };

  const paths: Record<string, Record<string, unknown>> = {};
  const seenIds = new Map<string, string>();
  let authenticated = false;
  for (const op of listOperations(tree)) {
    const { operationId, operation } = buildOperation(op, ctx, target);
    const clash = seenIds.get(operationId);
    if (clash !== undefined) {
      throw new Error(`operationId ${operationId} of ${op.method} ${op.path} is also that of ${clash}`);
    }
    seenIds.set(operationId, `${op.method} ${op.path}`);
    if ((operation.security as unknown[]).length > 0) authenticated = true;
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method.toLowerCase()] = operation;
  }
  for (const [path, item] of Object.entries(paths)) {
    paths[path] = Object.fromEntries(
      Object.entries(item).sort(
        ([a], [b]) =>
          OPENAPI_METHODS.indexOf(a as OpenApiMethod) - OPENAPI_METHODS.indexOf(b as OpenApiMethod),
      ),
    );
  }

  const tagTexts = new Map<string, string | undefined>();
  for (const node of walkApiTree(tree)) {
    const tag = tagFor(node.path);
    if (!tagTexts.has(tag) || node.path.split('/').filter(Boolean).length <= 1) {
      if (!tagTexts.has(tag) || tagTexts.get(tag) === undefined) tagTexts.set(tag, node.text);
    }
  }
  const usedTags = new Set(
    Object.values(paths).flatMap((item) => Object.values(item).map((o) => (o as { tags: string[] }).tags[0])),
  );
  const tags = [...usedTags]
    .filter((t): t is string => t !== undefined)
    .sort()
    .map((name) => ({ name, description: tagDescription(name, tagTexts.get(name)) }));

  const document: OpenApiDocument = {
    openapi: version === '3.1' ? '3.1.0' : '3.0.3',
    info: {
      title: `${target.name} API`,
      version: options.version ?? contentVersion(tree),
      description: infoDescription(target, options.sourceDate),
      license:
        version === '3.1'
          ? { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' }
          : { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
    },
    servers: [
      {
        url: 'https://{host}:{port}/api2/json',
        description: `A ${target.name} server`,
        variables: {
          host: { default: 'localhost', description: 'The host name or address of the server.' },
          port: { default: String(target.defaultPort), description: 'The port of the API.' },
        },
      },
    ],
    tags,
    paths,
    components: {
      schemas: components.toObject(),
      responses: errorResponseComponents(authenticated),
      securitySchemes: securitySchemes(target),
    },
  };
  return document;
}

function infoDescription(target: ApiTarget, sourceDate: string | undefined): string {
  const token = apiTokenHeaderExample(target);
  const cookie = target.auth.cookie;
  const outdated = outdatedSnapshotWarning(target, sourceDate);
  return [
    ...(outdated ? [`**WARNING: OUTDATED SCHEMA.** ${outdated}`, ''] : []),
    `The REST API of ${target.name}, generated from the schema that its API viewer publishes (apidoc.js)${sourceDate ? ` as of ${sourceDate.slice(0, 10)}` : ''}.`,
    '',
    '- Every JSON result is wrapped as `{"data": ...}`.',
    '- Booleans are answered as `1`/`0`; `1`/`0` and `true`/`false` are accepted (`ProxmoxBoolean`).',
    '- POST and PUT take their parameters as a JSON or a form-encoded body; GET and DELETE in the query.',
    token
      ? `- Authenticate with an API token (\`Authorization: ${token}\`) or with the \`${cookie}\` ticket cookie plus the \`CSRFPreventionToken\` header for writes.`
      : `- Authenticate with the \`${cookie}\` ticket cookie plus the \`CSRFPreventionToken\` header for writes; ${target.name} has no API tokens.`,
    ...target.notes.map((note) => `- ${note}`),
    '- Details that OpenAPI has no keyword for are kept as `x-proxmox-*` extensions.',
  ].join('\n');
}
