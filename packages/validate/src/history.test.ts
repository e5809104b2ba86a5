import { type ApiTree, getApiTarget } from '@proxmox-openapi/core';
import { generateSpec, serializeSpec } from '@proxmox-openapi/spec-generate';
import { HISTORY_FIXTURES, loadFixtureTree } from '@proxmox-openapi/test-fixtures';
import { describe, expect, it } from 'vitest';
import type { Finding } from './types.js';
import { validateSpec } from './validate-spec.js';

/**
 * The whole PVE history, 7.0 to 9.1: each schema is generated and serialized once, then
 * validated with its apidoc (coverage) and its YAML twin. No error and no warning but the
 * super-linear patterns, each of which the document must flag.
 */
describe('every PVE schema of the history generates a document that validates cleanly', () => {
  const unsafe: string[] = [];

  it.each(HISTORY_FIXTURES.map((f) => [f.docsVersion, f.file] as const))(
    'pve-docs %s',
    { timeout: 600_000 },
    async (_, file) => {
      const tree = loadFixtureTree(file) as ApiTree;
      const document = generateSpec(tree, { target: getApiTarget('pve') });
      const { json, yaml } = serializeSpec(document);
      const report = await validateSpec(JSON.parse(json), { apidoc: tree, yaml });
      expect(report.errors).toEqual([]);
      const isFlaggedPattern = (f: Finding) =>
        f.rule === 'pattern-super-linear' && f.message.includes('(flagged x-proxmox-pattern-unsafe)');
      expect(report.warnings.filter((f) => !isFlaggedPattern(f))).toEqual([]);
      unsafe.push(...report.warnings.filter(isFlaggedPattern).map((f) => `${file} ${f.pointer}`));
      expect(report.checks).toEqual({ openapi: true, coverage: true, yaml: true });
    },
  );

  it('lists the flagged unsafe patterns (none since the OCI reference is rewritten)', () => {
    expect(unsafe).toEqual([]);
  });
});
