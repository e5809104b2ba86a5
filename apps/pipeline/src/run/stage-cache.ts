import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, sha256, writeFileInPieces } from '@proxmox-openapi/core';
import { isAlive } from './process-identity.js';

/**
 * The content-addressed stage cache. An entry is a folder `<dir>/<stage>/<key>/` holding the
 * stage's output files under `files/` and `entry.json` (the stage's data plus the sha256 and
 * size of every file). The key is the hash of the stage's inputs and its package's version, so
 * an entry is never updated in place: it is written into a temporary folder and renamed into
 * place, and a reader sees either no entry or a complete one.
 *
 * Every read checks the entry against its own record (format, key, every file's sha256);
 * anything that does not match (a truncated file, a flipped byte, a half-deleted folder) is a
 * miss: the entry is removed and the stage runs again. A damaged entry is never replayed.
 */

/** What a stage produced: plain data and named files. */
export interface StageOutput {
  data?: unknown;
  files?: Record<string, string | Uint8Array>;
}

/**
 * A stage output as applied: replayed from the cache (files as bytes) or as the stage made it
 * (files as it made them: a large text stays a string, see core's textPieces).
 */
export interface CachedOutput {
  data: unknown;
  files: Record<string, string | Uint8Array>;
}

/** The result of a cache lookup. */
export type CacheLookup =
  | { hit: true; output: CachedOutput }
  | { hit: false; reason: 'disabled' | 'absent' | 'corrupt'; detail?: string };

interface EntryRecord {
  format: 1;
  stage: string;
  key: string;
  data: unknown;
  /** sha256 of `data` as JSON: the record's data is checked like its files. */
  dataSha256: string;
  files: Record<string, { sha256: string; bytes: number }>;
}

const ENTRY_FILE = 'entry.json';
const FILES_DIR = 'files';
// Output names become file names inside the entry: keep them to one plain path segment.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The stage cache of one run; `enabled: false` (`--no-cache`) neither reads nor writes. */
export class StageCache {
  constructor(
    readonly dir: string,
    readonly enabled: boolean,
  ) {}

  private entryDir(stage: string, key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`stage cache key must be a sha256 hex digest: ${key}`);
    return join(this.dir, stage, key);
  }

  /** Looks an entry up; a damaged entry is removed and reported as `corrupt`. */
  async get(stage: string, key: string): Promise<CacheLookup> {
    if (!this.enabled) return { hit: false, reason: 'disabled' };
    const dir = this.entryDir(stage, key);
    let text: string;
    try {
      text = await readFile(join(dir, ENTRY_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        // A folder without its record is the remains of an interrupted removal.
        await rm(dir, { recursive: true, force: true });
        return { hit: false, reason: 'absent' };
      }
      return this.discard(dir, describeError(error));
    }
    try {
      const record = JSON.parse(text) as EntryRecord;
      if (
        record.format !== 1 ||
        record.stage !== stage ||
        record.key !== key ||
        typeof record.files !== 'object'
      ) {
        return this.discard(dir, 'entry record does not match its key');
      }
      // A changed digit in the data (a count, a statistic) is as much damage as a flipped byte
      // in a file: it would be published as it is.
      if (record.dataSha256 !== sha256(JSON.stringify(record.data ?? null))) {
        return this.discard(dir, 'its data does not match its sha256');
      }
      const files: Record<string, Buffer> = {};
      for (const [name, expected] of Object.entries(record.files)) {
        if (!SAFE_NAME.test(name)) return this.discard(dir, `bad file name ${name}`);
        const bytes = await readFile(join(dir, FILES_DIR, name));
        if (bytes.length !== expected.bytes || sha256(bytes) !== expected.sha256) {
          return this.discard(dir, `${name} does not match its sha256`);
        }
        files[name] = bytes;
      }
      return { hit: true, output: { data: record.data ?? null, files } };
    } catch (error) {
      return this.discard(dir, describeError(error));
    }
  }

  /**
   * Whether an entry is there and its record intact (format, key, the sha256 of its data), with
   * every file at its recorded size, without reading the files: what a run that skips the stages
   * (unchanged-record.ts) needs to know. A damaged entry is left for `get` to find and report.
   */
  async isIntact(stage: string, key: string): Promise<boolean> {
    if (!this.enabled) return false;
    const dir = this.entryDir(stage, key);
    try {
      const record = JSON.parse(await readFile(join(dir, ENTRY_FILE), 'utf8')) as EntryRecord;
      if (record.format !== 1 || record.stage !== stage || record.key !== key) return false;
      if (typeof record.files !== 'object' || record.files === null) return false;
      if (record.dataSha256 !== sha256(JSON.stringify(record.data ?? null))) return false;
      for (const [name, expected] of Object.entries(record.files)) {
        if (!SAFE_NAME.test(name)) return false;
        if ((await stat(join(dir, FILES_DIR, name))).size !== expected.bytes) return false;
      }
      return true;
    } catch {
      return false;
    }
  }

  private async discard(dir: string, detail: string): Promise<CacheLookup> {
    await rm(dir, { recursive: true, force: true });
    return { hit: false, reason: 'corrupt', detail };
  }

  /** Stores a stage's output under its key (a no-op when the cache is disabled). */
  async put(stage: string, key: string, output: StageOutput): Promise<void> {
    if (!this.enabled) return;
    const dir = this.entryDir(stage, key);
    const parent = join(this.dir, stage);
    const temp = join(parent, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    await mkdir(join(temp, FILES_DIR), { recursive: true });
    try {
      const files: EntryRecord['files'] = {};
      for (const [name, content] of Object.entries(output.files ?? {})) {
        if (!SAFE_NAME.test(name)) throw new Error(`stage output name is not a plain file name: ${name}`);
        await writeFileInPieces(join(temp, FILES_DIR, name), content);
        const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
        files[name] = { sha256: sha256(content), bytes };
      }
      const data = output.data ?? null;
      const record: EntryRecord = {
        format: 1,
        stage,
        key,
        data,
        dataSha256: sha256(JSON.stringify(data)),
        files,
      };
      await writeFile(join(temp, ENTRY_FILE), JSON.stringify(record));
      try {
        await rename(temp, dir);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Another run stored the same key first: its entry has the same content.
        if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
      }
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }

  /**
   * Whether the cache folder can be used: creates it and writes and removes a probe file.
   * @returns undefined when it can, else why not (`.cache` is a file, a read-only folder).
   */
  async probe(): Promise<string | undefined> {
    if (!this.enabled) return undefined;
    const probe = join(this.dir, `.tmp-${process.pid}-probe-${randomBytes(4).toString('hex')}`);
    try {
      // What the probe created is removed again: the cache is made by the first entry stored.
      const created = await mkdir(this.dir, { recursive: true });
      await writeFile(probe, '');
      await rm(probe, { force: true });
      if (created !== undefined) await rm(created, { recursive: true, force: true });
      return undefined;
    } catch (error) {
      return describeError(error);
    }
  }

  /** Removes temporary folders that an interrupted `put` of a dead process left behind. */
  async sweep(): Promise<void> {
    if (!this.enabled) return;
    let stages: string[];
    try {
      stages = await readdir(this.dir);
    } catch {
      return;
    }
    for (const stage of stages) {
      let names: string[];
      try {
        names = await readdir(join(this.dir, stage));
      } catch {
        continue;
      }
      for (const name of names) {
        const pid = /^\.tmp-(\d+)-/.exec(name)?.[1];
        // Only the leftovers of processes that are gone: another run may be writing right now.
        if (pid !== undefined && !isAlive(Number(pid))) {
          await rm(join(this.dir, stage, name), { recursive: true, force: true });
        }
      }
    }
  }
}
