import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { InputError, readSnapshotMeta } from '@proxmox-openapi/core';
import { fixturePath, HISTORY_FIXTURES } from '@proxmox-openapi/test-fixtures';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildChangelog } from './changelog.js';
import { historyFileLabel, readHistoryFolder } from './history.js';
import {
  buildRepositoryChangelog,
  changelogPaths,
  staleChangelogFiles,
  writeChangelog,
} from './regenerate-changelog.js';
import { method, tree } from './test-support/synthetic.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the committed PVE changelog', () => {
  it('is what the committed history and snapshot give, byte for byte (regenerate: writeChangelog)', async () => {
    const paths = changelogPaths('pve', join(ROOT, 'specs', 'pve'), join(ROOT, 'history', 'pve'));
    const meta = await readSnapshotMeta(join(ROOT, 'specs', 'pve'));
    const built = await buildRepositoryChangelog(paths, meta?.fetchedAt ?? 'no metadata');
    expect(await readFile(paths.markdownPath, 'utf8')).toBe(built.markdown);
    expect(await readFile(paths.jsonPath, 'utf8')).toBe(built.json);
    expect(await staleChangelogFiles(paths, built)).toEqual([]);

    // One section per consecutive pair, newest first, chained, ending with the snapshot.
    const { sections } = built.changelog;
    expect(sections).toHaveLength(HISTORY_FIXTURES.length);
    expect(sections[0]?.to).toEqual({ label: 'snapshot 2026-08-16', date: '2026-08-16' });
    expect(sections.at(-1)?.from).toEqual({ label: 'pve-docs 7.0-3', date: '2021-07-02' });
    for (let i = 1; i < sections.length; i++) expect(sections[i]?.to).toEqual(sections[i - 1]?.from);
  });

  it('reads a history that is the test fixtures’ history, byte for byte', async () => {
    const versions = await readHistoryFolder(join(ROOT, 'history', 'pve'));
    expect(versions.map((v) => `${v.label} ${v.date}`)).toEqual(
      HISTORY_FIXTURES.map((f) => `pve-docs ${f.docsVersion} ${f.date}`),
    );
    for (const fixture of HISTORY_FIXTURES) {
      const published = await readFile(join(ROOT, 'history', 'pve', fixture.file));
      expect(published.equals(await readFile(fixturePath(fixture.file)))).toBe(true);
    }
  });
});

describe('buildChangelog', () => {
  const versions = [
    { label: 'v1', date: '2024-01-01', tree: tree() },
    { label: 'v2', date: '2024-02-01', tree: tree(method({ a: { type: 'string', optional: 1 } })) },
    { label: 'v3', date: '2024-03-01', tree: tree(method({ b: { type: 'string' } })) },
  ];

  it('writes the contract: keys in order, sections newest first, same bytes every time', () => {
    const first = buildChangelog('pve', versions);
    expect(buildChangelog('pve', versions).json).toBe(first.json);
    expect(buildChangelog('pve', versions).markdown).toBe(first.markdown);
    const document = JSON.parse(first.json);
    expect(Object.keys(document)).toEqual(['schema', 'api', 'sections']);
    expect(document.schema).toBe(1);
    const [newest, oldest] = document.sections;
    expect(Object.keys(newest)).toEqual(['from', 'to', 'summary', 'changes']);
    expect(newest.from).toEqual({ label: 'v2', date: '2024-02-01' });
    expect(oldest.to).toEqual({ label: 'v2', date: '2024-02-01' });
    expect(Object.keys(newest.summary)).toEqual([
      'operationsAdded',
      'operationsRemoved',
      'breaking',
      'warning',
      'info',
      'line',
    ]);
    expect(Object.keys(newest.changes[0])).toEqual([
      'rule',
      'level',
      'side',
      'operation',
      'location',
      'old',
      'new',
      'message',
    ]);
    expect(newest.changes.map((c: { rule: string }) => c.rule)).toEqual([
      'request-parameter-added-required',
      'request-parameter-removed',
    ]);
    expect(first.json.endsWith('}\n')).toBe(true);
  });

  it('renders Markdown with the summary line first and breaking changes before the rest', () => {
    const { markdown } = buildChangelog('pve', versions);
    const section = markdown.slice(markdown.indexOf('## v2 (2024-02-01) → v3 (2024-03-01)'));
    const lines = section.split('\n');
    expect(lines[2]).toBe('PVE v2 → v3: 0 operations added, 0 removed; 2 breaking, 0 warnings, 0 info');
    expect(section).toContain(
      '### Breaking (2)\n\n#### `/nodes/{node}/qemu`\n\n- `POST` parameter `b` added (required)',
    );
    expect(markdown.indexOf('## v2 (2024-02-01) → v3')).toBeLessThan(
      markdown.indexOf('## v1 (2024-01-01) → v2'),
    );
    expect(buildChangelog('pve', [versions[0], versions[0]] as typeof versions).markdown).toContain(
      'No change.',
    );
  });
});

describe('the history folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-diff-history-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names versions by package, version and date, oldest first', async () => {
    expect(historyFileLabel('pve-docs-7.0-3-2021-07-02.json.gz')).toEqual({
      label: 'pve-docs 7.0-3',
      date: '2021-07-02',
    });
    expect(historyFileLabel('pve-docs-8.3.2-2025-04-09.json')).toEqual({
      label: 'pve-docs 8.3.2',
      date: '2025-04-09',
    });
    const text = JSON.stringify(tree(method()));
    await writeFile(join(dir, 'pve-docs-9.0.8-2025-11-17.json.gz'), gzipSync(text));
    await writeFile(join(dir, 'pve-docs-10.0.1-2024-01-01.json'), text);
    const versions = await readHistoryFolder(dir);
    expect(versions.map((v) => v.label)).toEqual(['pve-docs 10.0.1', 'pve-docs 9.0.8']);
  });

  it('refuses a file it cannot label, naming it', async () => {
    await writeFile(join(dir, 'latest.json.gz'), gzipSync('[]'));
    const error = await readHistoryFolder(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(join(dir, 'latest.json.gz'));
  });

  it('writes only the files whose bytes changed', async () => {
    const paths = {
      api: 'pve',
      historyDir: dir,
      snapshotPath: '',
      markdownPath: join(dir, 'CHANGELOG.md'),
      jsonPath: join(dir, 'changelog.json'),
    };
    const built = buildChangelog('pve', [
      { label: 'a', date: '2024-01-01', tree: tree() },
      { label: 'b', date: '2024-02-01', tree: tree(method()) },
    ]);
    expect(await writeChangelog(paths, built)).toEqual([paths.markdownPath, paths.jsonPath]);
    expect(await readFile(paths.jsonPath, 'utf8')).toBe(built.json);
    expect(await writeChangelog(paths, built)).toEqual([]);
  });
});
