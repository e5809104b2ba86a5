import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';

// The GitHub Pages workflow, checked against the repository: it builds what its command needs,
// its command is the root `proxmox-openapi` script, and that command line, run here on the
// committed specs/, builds the site it uploads.

const root = fileURLToPath(new URL('../../../../', import.meta.url));

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface Workflow {
  jobs: Record<string, { steps?: Step[] }>;
}

const workflow = load(await readFile(join(root, '.github/workflows/pages.yml'), 'utf8')) as Workflow;
const steps = workflow.jobs.build?.steps ?? [];
const runs = steps.flatMap((s) => (s.run ? [s.run.trim()] : []));
const siteCommand = runs.find((r) => r.startsWith('pnpm proxmox-openapi site')) as string;
const rootPackage = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const appPackage = JSON.parse(await readFile(join(root, 'apps/pipeline/package.json'), 'utf8')) as {
  name: string;
};

const temp: string[] = [];
afterAll(async () => {
  for (const dir of temp) await rm(dir, { recursive: true, force: true });
});

describe('.github/workflows/pages.yml', () => {
  it('runs `pnpm proxmox-openapi site`, the root script that starts the app, after building the app', () => {
    expect(siteCommand).toBeDefined();
    expect(rootPackage.scripts['proxmox-openapi']).toBe('node apps/pipeline/bin/proxmox-openapi.js');
    const build = runs.findIndex((r) => r.includes('turbo run build'));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(build).toBeLessThan(runs.indexOf(siteCommand));
    // `<app>...` builds the app and every package it depends on, the site among them.
    expect(runs[build]).toContain(`--filter=${appPackage.name}...`);
  });

  it('uploads the folder its command writes, and that command line builds the site from specs/', async () => {
    const args = siteCommand.split(/\s+/).slice(2);
    const outDir = args[args.indexOf('--out-dir') + 1] as string;
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.path).toBe(outDir);

    // The same command line on the committed specs/, writing into a temporary folder.
    const out = await mkdtemp(join(tmpdir(), 'pages-site-'));
    temp.push(out);
    args[args.indexOf('--out-dir') + 1] = join(out, 'site');
    const [script, ...rest] = rootPackage.scripts['proxmox-openapi']?.split(' ') ?? [];
    const result = spawnSync(script === 'node' ? process.execPath : (script as string), [...rest, ...args], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(root, 'specs/manifest.json'), 'utf8')) as {
      apis: Record<string, unknown>;
    };
    const ids = Object.keys(manifest.apis);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(existsSync(join(out, 'site', id, 'index.html')), id).toBe(true);
  });
});
