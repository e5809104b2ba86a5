/**
 * proxmox-openapi in containers: the lint stage, document generation, validation and the
 * whole pipeline for the Proxmox VE and Proxmox Backup Server APIs, identical on a laptop and
 * in CI. Every function is one `proxmox-openapi` command line (`cli-calls.ts`, which the module
 * owns) run through the generic container builders of `@proxmox-openapi/core/dagger` (their
 * source files are included through dagger.json: a Dagger module cannot import workspace
 * packages; see dagger/README.md).
 */
import { argument, type Directory, dag, type File, func, object } from '@dagger.io/dagger';
import { parseApiSelection } from '../../packages/core/src/api-selection.js';
import { getBuiltWorkspace, getWorkspaceSources } from '../../packages/core/src/dagger/containers.js';
import { getApiTarget } from '../../packages/core/src/targets.js';
import {
  diffReport,
  generateApi,
  generateApis,
  pipelineSpecs,
  siteDirectory,
  validationReport,
  withLint,
  withLintFix,
  withValidate,
} from './cli-calls.js';

// `--api` as the CLI takes it: `all`, `both` (PVE and PBS), one registered API or a comma list.
const apisOf = (api: string) => parseApiSelection(api);

function formatOf(format: string): 'md' | 'json' {
  if (format !== 'md' && format !== 'json') throw new Error(`--format "${format}": expected md or json`);
  return format;
}

function failOnOf(level: string): 'breaking' | 'warning' | undefined {
  if (level === '') return undefined;
  if (level !== 'breaking' && level !== 'warning')
    throw new Error(`--fail-on "${level}": expected breaking or warning`);
  return level;
}

function openapiOf(version: string): '3.0' | '3.1' {
  if (version !== '3.0' && version !== '3.1') throw new Error(`--openapi "${version}": expected 3.0 or 3.1`);
  return version;
}

/** proxmox-openapi: OpenAPI documents for the Proxmox VE and Backup Server APIs, built in containers. */
@object()
export class ProxmoxOpenapi {
  /** The repository the functions work on. */
  source: Directory;

  constructor(
    /**
     * The repository to work on; by default the one this module lives in, without installs,
     * build outputs and caches (they are made inside the containers).
     */
    @argument({
      defaultPath: '/',
      // Spelled out: Dagger reads decorator arguments from the source text, not at run time.
      // A test checks that this list is core's WORKSPACE_EXCLUDES.
      ignore: [
        '**/node_modules',
        '**/.turbo',
        '**/dist',
        '**/.cache',
        '**/coverage',
        '.git',
        '.specs-staging-*',
        'dagger/sdk',
      ],
    })
    source: Directory,
  ) {
    this.source = source;
  }

  /**
   * Format check, lint and typecheck of the whole workspace and the Dagger module; fails when
   * any problem is found, and prints the report.
   */
  @func()
  async lint(): Promise<string> {
    return withLint(getBuiltWorkspace(dag, this.source, 'everything')).stdout();
  }

  /**
   * Applies the formatting and the safe lint fixes and returns the repository's sources with
   * them (export it over the checkout: `dagger call lint-and-fix export --path=.`).
   */
  @func()
  lintAndFix(): Directory {
    return getWorkspaceSources(withLintFix(getBuiltWorkspace(dag, this.source, 'everything')));
  }

  /**
   * Generates one API's OpenAPI documents (`<api>-api.json`, `<api>-api.yaml`) from its
   * committed snapshot in specs/; no download, so the result may come from the engine's cache.
   */
  @func()
  generate(
    /** The API: pve, pbs, pmg, pdm or pve8. */
    api = 'pve',
    /** The OpenAPI version of the documents: 3.0 or 3.1. */
    openapi = '3.0',
  ): Directory {
    return generateApi(dag, this.source, getApiTarget(api).id, openapiOf(openapi));
  }

  /**
   * Generates the documents of several APIs in parallel, one folder per API (pve/, pbs/, …), each
   * from its committed snapshot in specs/.
   */
  @func()
  generateAll(
    /** The OpenAPI version of the documents: 3.0 or 3.1. */
    openapi = '3.0',
    /** Which documents: all (default), both (pve and pbs), one API or a comma list such as pve,pmg. */
    api = 'all',
  ): Directory {
    return generateApis(dag, this.source, apisOf(api), openapiOf(openapi));
  }

  /**
   * Validates the documents of a specs folder (OpenAPI rules and coverage of the apidoc) and
   * prints the result; fails when a document has errors.
   */
  @func()
  async validate(
    /** A folder laid out like specs/ (<api>/<api>-api.json beside its apidoc.json); by default the committed one. */
    @argument({ defaultPath: '/specs' }) specs: Directory,
    /** Which documents: all (default), both (pve and pbs), one API or a comma list such as pve,pmg. */
    api = 'all',
  ): Promise<string> {
    return withValidate(getBuiltWorkspace(dag, this.source), specs, apisOf(api)).stdout();
  }

  /**
   * Validates the documents of a specs folder and returns the report as one JSON file keyed by
   * API, also when validation finds errors (the report lists them).
   */
  @func()
  validateAndReport(
    /** A folder laid out like specs/ (<api>/<api>-api.json beside its apidoc.json); by default the committed one. */
    @argument({ defaultPath: '/specs' }) specs: Directory,
    /** Which documents: all (default), both (pve and pbs), one API or a comma list such as pve,pmg. */
    api = 'all',
  ): File {
    return validationReport(dag, this.source, specs, apisOf(api));
  }

  /**
   * Builds the static reference site (a landing page, one API reference page per product, the
   * changes pages) from a specs folder and returns it: `dagger call site export --path=dist/site`.
   * Every script and style is inside it, so any static file server can serve it.
   */
  @func()
  site(
    /** A folder laid out like specs/ (manifest.json, <api>/<api>-api.json); by default the committed one. */
    @argument({ defaultPath: '/specs' }) specs: Directory,
  ): Directory {
    return siteDirectory(dag, this.source, specs);
  }

  /**
   * Compares two schemas of one API (apidoc.js, .json or .json.gz) and prints the classified
   * changes, breaking first: `dagger call diff --old-schema=a.json.gz --new-schema=b.json.gz --api=pve`.
   * With --fail-on it fails when changes of that level (or worse) are found, as a CI gate.
   */
  @func()
  async diff(
    // Not `old` and `new`: `new` cannot name a parameter, and a pair should read alike.
    /** The earlier schema (the command's OLD). */
    oldSchema: File,
    /** The later schema (the command's NEW). */
    newSchema: File,
    /** The API the schemas belong to (pve, pbs, pmg, pdm, pve8); the command's default when empty. */
    api = '',
    /** The report's format: md or json. */
    format = 'md',
    /** Fail when changes of this level or worse are found: breaking or warning; empty never fails. */
    failOn = '',
  ): Promise<string> {
    const options = { format: formatOf(format), ...(api ? { api: getApiTarget(api).id } : {}) };
    const failOn_ = failOnOf(failOn);
    return diffReport(
      dag,
      this.source,
      oldSchema,
      newSchema,
      failOn_ ? { ...options, failOn: failOn_ } : options,
    );
  }

  /**
   * Runs the whole pipeline (live fetch with the snapshot fallback, generate, validate, stats,
   * atomic publish) and returns the resulting specs/ folder: `dagger call pipeline --api=both
   * export --path=specs`. It downloads, so its result is never taken from the function cache.
   */
  @func({ cache: 'never' })
  pipeline(
    /** Which APIs: all (default), both (pve and pbs), one API or a comma list such as pve,pmg. */
    api = 'all',
    /** Also build the release artifacts (archive, SHA256SUMS, notes) as the CLI's --publish does. */
    publish = false,
  ): Directory {
    parseApiSelection(api); // refused here, in one line, before any container starts
    return pipelineSpecs(dag, this.source, { api: api.trim(), publish, stamp: new Date().toISOString() });
  }
}
