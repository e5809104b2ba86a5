import type { Config, NormalizedProblem } from '@redocly/openapi-core';
import { fromFragment, valueAt } from './json-pointer.js';
import { isObject } from './openapi-document.js';
import { REDOCLY_CONFIG } from './redocly-config.js';
import type { Finding } from './types.js';

type Redocly = typeof import('@redocly/openapi-core') & typeof import('./in-document-resolver.js');

let redoclyPromise: Promise<Redocly> | undefined;

/**
 * Redocly (and our resolver, which extends Redocly's), loaded on the first lint: loading it costs
 * more CPU than linting a small document, and importing this package (for its report formatters,
 * its command's help) must not pay for it.
 */
function loadRedocly(): Promise<Redocly> {
  redoclyPromise ??= Promise.all([import('@redocly/openapi-core'), import('./in-document-resolver.js')]).then(
    ([redocly, resolver]) => ({ ...redocly, ...resolver }),
  );
  return redoclyPromise;
}

let configPromise: Promise<Config> | undefined;

/** The resolved Redocly config; resolving `extends` costs a few milliseconds, so it is done once. */
function redoclyConfig(createConfig: Redocly['createConfig']): Promise<Config> {
  configPromise ??= createConfig({
    extends: [...REDOCLY_CONFIG.extends],
    rules: { ...REDOCLY_CONFIG.rules },
  });
  // A failure is not cached: the next call tries again.
  configPromise.catch(() => {
    configPromise = undefined;
  });
  return configPromise;
}

// The name the document is linted under; only shows up when a $ref points outside it.
const DOCUMENT_REF = 'openapi.json';

/**
 * Lints a document with Redocly's rules. The parsed object is handed over as it is: letting
 * Redocly re-parse the text costs time (its YAML parser reads the JSON), and a pointer is all a
 * finding needs, so the source text is only kept for Redocly's own messages.
 */
export async function checkRedocly(document: object): Promise<Finding[]> {
  const { createConfig, EXTERNAL_REF_REFUSAL, InDocumentResolver, lintDocument, Source } =
    await loadRedocly();
  const config = await redoclyConfig(createConfig);
  let problems: NormalizedProblem[];
  try {
    problems = await lintDocument({
      document: { source: new Source(DOCUMENT_REF, ''), parsed: document },
      config,
      // Never Redocly's own resolver: it would read whatever file or URL a `$ref` names.
      externalRefResolver: new InDocumentResolver(config.resolve),
    });
  } catch (error) {
    // Redocly throws instead of reporting on a document that is not OpenAPI at all (no or a
    // non-string `openapi`): that is a finding about the document, not a crash of the caller.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [
      {
        severity: 'error',
        rule: 'openapi-document',
        message: `Redocly cannot lint this document: ${message}`,
        pointer: /version|specification/i.test(message ?? '') ? '/openapi' : '',
      },
    ];
  }
  return problems.filter((p) => !p.ignored).map((p) => toFinding(p, document, EXTERNAL_REF_REFUSAL));
}

function toFinding(problem: NormalizedProblem, document: object, refusal: string): Finding {
  const location = problem.location[0];
  const at = location?.pointer === undefined ? '' : fromFragment(location.pointer);
  const outside = location !== undefined && location.source.absoluteRef !== DOCUMENT_REF;
  const elsewhere = outside ? ` (in ${location.source.absoluteRef})` : '';
  // Redocly says "Can't resolve $ref" without saying which: name the reference.
  const target = outside ? undefined : valueAt(document, at);
  const ref =
    problem.ruleId === 'no-unresolved-refs' &&
    typeof target === 'object' &&
    target !== null &&
    '$ref' in target
      ? `: ${String(target.$ref)}`
      : '';
  if (problem.ruleId === 'no-unresolved-refs' && problem.message.includes(refusal)) {
    // An error whatever Redocly's severity: the reference was not read, so nothing behind it
    // was checked, and a published document must stand on its own.
    const named = isObject(target) ? (target.$ref ?? target.externalValue) : undefined;
    return {
      severity: 'error',
      rule: 'no-external-refs',
      message: `the reference ${JSON.stringify(named)} points outside the document; only references inside it (#/…) are followed, so it was not read`,
      pointer: at,
    };
  }
  return {
    severity: problem.severity === 'error' ? 'error' : 'warning',
    rule: problem.ruleId,
    message: `${problem.message.replace(/\s*\n\s*/g, ' ')}${ref}${elsewhere}`,
    pointer: at,
  };
}
