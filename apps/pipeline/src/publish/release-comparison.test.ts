import { sha256 } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import type { TargetOutcome } from '../engines/engine.js';
import type { PublishedApi } from './release.js';
import { compareRelease, sameRelease } from './release-comparison.js';
import type { PreviousRelease, ReleaseApi, ReleaseComparison } from './release-manifest.js';

const OLD_PVE = ['GET /nodes', 'GET /version', 'POST /nodes'];
const NEW_PVE = ['DELETE /nodes', 'GET /nodes', 'GET /version'];

function api(operations: string[], snapshot: string): ReleaseApi {
  return { document: sha256(operations.join('\n')), snapshot: sha256(snapshot), operations };
}

// A diff stage's outcome, as far as the release changelog reads it.
function outcome(id: string, markdown: string): TargetOutcome {
  return { api: id, diff: { markdown } } as unknown as TargetOutcome;
}

const oldRelease = { pve: api(OLD_PVE, 'old snapshot') };
const newRelease = { pve: api(NEW_PVE, 'new snapshot') };
const recorded: ReleaseComparison = {
  base: 'published specs',
  changes: { pve: { added: ['GET /recorded'], removed: [] } },
  changelog: '## Changelog of this release\n\nrecorded\n',
};

function whole(apis: Record<string, ReleaseApi>, comparison = recorded): PreviousRelease {
  return {
    state: 'whole',
    manifest: { format: 1, specsManifest: sha256('m'), apis, comparison },
  };
}

const publishedOld: Record<string, PublishedApi> = {
  pve: { operations: OLD_PVE, snapshot: sha256('old snapshot') },
};
const publishedNew: Record<string, PublishedApi> = {
  pve: { operations: NEW_PVE, snapshot: sha256('new snapshot') },
};
const diffs = [outcome('pve', '### pve: 1 breaking\n\n- removed POST /nodes\n')];

describe('compareRelease', () => {
  it('keeps the recorded comparison of a release that ships the same documents (a rerun)', () => {
    // specs/ was already switched by the killed run: the published specs are the new ones, and
    // the diff stage saw no change. Neither may leak into the notes.
    const comparison = compareRelease({
      previous: whole(newRelease),
      apis: newRelease,
      published: publishedNew,
      outcomes: [outcome('pve', 'No change.')],
    });
    expect(comparison).toEqual(recorded);
  });

  it('counts from the previous release and keeps the diff whose base is its snapshot', () => {
    const comparison = compareRelease({
      previous: whole(oldRelease),
      apis: newRelease,
      published: publishedOld,
      outcomes: diffs,
    });
    expect(comparison.base).toBe('previous release');
    expect(comparison.changes).toEqual({ pve: { added: ['DELETE /nodes'], removed: ['POST /nodes'] } });
    expect(comparison.changelog).toBe(
      '## Changelog of this release\n\n### pve: 1 breaking\n\n- removed POST /nodes\n',
    );
  });

  it("leaves out, with a line, a diff against published specs that are not the previous release's", () => {
    const comparison = compareRelease({
      previous: whole(oldRelease),
      apis: newRelease,
      published: { pve: { operations: ['GET /other'], snapshot: sha256('another snapshot') } },
      outcomes: diffs,
    });
    expect(comparison.changes.pve).toEqual({ added: ['DELETE /nodes'], removed: ['POST /nodes'] });
    expect(comparison.changelog).not.toContain('removed POST /nodes');
    expect(comparison.changelog).toContain('The classified changes of pve are left out');
  });

  for (const previous of [
    { state: 'none' },
    { state: 'damaged', problem: 'SHA256SUMS is missing' },
  ] as const) {
    it(`compares with the specs published before the run when the previous release is ${previous.state}`, () => {
      const comparison = compareRelease({
        previous,
        apis: newRelease,
        published: publishedOld,
        outcomes: diffs,
      });
      expect(comparison.base).toBe('published specs');
      expect(comparison.changes.pve).toEqual({ added: ['DELETE /nodes'], removed: ['POST /nodes'] });
      expect(comparison.changelog).toContain('removed POST /nodes');
    });
  }

  it('counts every operation as new with no release and no published specs', () => {
    const comparison = compareRelease({
      previous: { state: 'none' },
      apis: newRelease,
      published: {},
      outcomes: [],
    });
    expect(comparison).toEqual({
      base: 'none',
      changes: { pve: { added: NEW_PVE, removed: [] } },
      changelog: '',
    });
  });
});

describe('sameRelease', () => {
  it('needs the same APIs with the same documents and snapshots', () => {
    expect(sameRelease(newRelease, { pve: api(NEW_PVE, 'new snapshot') })).toBe(true);
    expect(sameRelease(newRelease, { pve: api(NEW_PVE, 'other snapshot') })).toBe(false);
    expect(sameRelease(newRelease, oldRelease)).toBe(false);
    expect(sameRelease(newRelease, { ...newRelease, pbs: api([], 'pbs') })).toBe(false);
  });
});
