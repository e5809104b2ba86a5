import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfig, lint } from '@redocly/openapi-core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSpec } from './generate-spec.js';
import { serializeSpec } from './serialize.js';
import { FIXTURES, fixture } from './test-support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'spec-generate-redocly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Redocly's recommended rules", () => {
  const cases = FIXTURES.flatMap((f) => (['3.0', '3.1'] as const).map((v) => [f.file, f.api, v] as const));

  it.each(cases)(
    'report nothing for %s (%s, OpenAPI %s)',
    { timeout: 120_000 },
    async (file, api, version) => {
      const { tree, target } = fixture(file, api);
      const path = join(dir, `${file}-${version}.json`);
      writeFileSync(path, serializeSpec(generateSpec(tree, { target, openapi: version })).json);
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lint({ ref: path, config });
      const summary = problems.map(
        (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`,
      );
      expect(summary).toEqual([]);
    },
  );

  it('do find problems in a broken document (the check can fail)', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(
      path,
      JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: { '/a/': { get: {} } } }),
    );
    const config = await createConfig({ extends: ['recommended'] });
    expect((await lint({ ref: path, config })).length).toBeGreaterThan(0);
  });
});
