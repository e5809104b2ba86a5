import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unlessMissing } from './unless-missing.js';

describe('unlessMissing', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unless-missing-'));
    await writeFile(join(dir, 'there'), 'x');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('passes the result of a call on a path that exists', async () => {
    expect(await unlessMissing(readFile(join(dir, 'there'), 'utf8'))).toBe('x');
    expect((await unlessMissing(stat(join(dir, 'there'))))?.size).toBe(1);
  });

  it('gives undefined for a path that does not exist', async () => {
    expect(await unlessMissing(stat(join(dir, 'nowhere')))).toBeUndefined();
  });

  it('throws any other failure as it is (a folder read as a file)', async () => {
    await expect(unlessMissing(readFile(dir))).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
