import { InputError } from '@proxmox-openapi/core';

/** How serious a change is for a client written against the older version. */
export type ChangeLevel = 'breaking' | 'warning' | 'info';

/** The levels in the order the changes page lists them. */
export const CHANGE_LEVELS: readonly ChangeLevel[] = ['breaking', 'warning', 'info'];

/** One classified change (the changelog contract of the api-diff stage; extra fields are ignored). */
export interface Change {
  rule: string;
  level: ChangeLevel;
  side: string;
  operation: { method: string; path: string };
  location: string;
  message: string;
}

/** The changes between two versions of one API. */
export interface ChangelogSection {
  from: { label: string; date: string };
  to: { label: string; date: string };
  summary: { line: string; breaking: number; warning: number; info: number };
  changes: Change[];
}

/** `specs/<api>/changelog.json`: sections newest first. */
export interface Changelog {
  schema: 1;
  api: string;
  sections: ChangelogSection[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(file: string, what: string): never {
  throw new InputError(`${file}: ${what} (see the changelog contract: schema 1, sections[].changes[])`);
}

function readVersion(file: string, where: string, value: unknown): { label: string; date: string } {
  if (!isObject(value) || typeof value.label !== 'string' || typeof value.date !== 'string') {
    fail(file, `${where} needs a string label and date`);
  }
  return { label: value.label, date: value.date };
}

function readChange(file: string, where: string, value: unknown): Change {
  if (!isObject(value)) fail(file, `${where} is not an object`);
  const { rule, level, side, operation, location, message } = value;
  if (typeof level !== 'string' || !(CHANGE_LEVELS as readonly string[]).includes(level)) {
    fail(file, `${where}.level is ${JSON.stringify(level)}, expected one of ${CHANGE_LEVELS.join(', ')}`);
  }
  if (!isObject(operation) || typeof operation.method !== 'string' || typeof operation.path !== 'string') {
    fail(file, `${where}.operation needs a string method and path`);
  }
  if (typeof rule !== 'string' || typeof message !== 'string') {
    fail(file, `${where} needs a string rule and message`);
  }
  return {
    rule,
    level: level as ChangeLevel,
    side: typeof side === 'string' ? side : '',
    operation: { method: operation.method, path: operation.path },
    location: typeof location === 'string' ? location : '',
    message,
  };
}

/**
 * Checks parsed `changelog.json` content against the contract and returns only the fields the
 * site shows, each section's changes ordered breaking first (then as the file has them).
 * @throws InputError naming the file and the first thing that does not fit.
 */
export function readChangelog(file: string, content: unknown): Changelog {
  if (!isObject(content)) fail(file, 'is not a JSON object');
  if (content.schema !== 1) fail(file, `schema is ${JSON.stringify(content.schema)}, this site reads 1`);
  if (typeof content.api !== 'string') fail(file, 'api is not a string');
  if (!Array.isArray(content.sections)) fail(file, 'sections is not an array');
  const sections = content.sections.map((section, i): ChangelogSection => {
    const where = `sections[${i}]`;
    if (!isObject(section)) fail(file, `${where} is not an object`);
    if (!Array.isArray(section.changes)) fail(file, `${where}.changes is not an array`);
    const changes = section.changes.map((change, j) => readChange(file, `${where}.changes[${j}]`, change));
    const rank = (c: Change) => CHANGE_LEVELS.indexOf(c.level);
    // A stable sort keeps the file's own order inside each level.
    changes.sort((a, b) => rank(a) - rank(b));
    const summary = isObject(section.summary) ? section.summary : {};
    const count = (level: ChangeLevel) => changes.filter((c) => c.level === level).length;
    return {
      from: readVersion(file, `${where}.from`, section.from),
      to: readVersion(file, `${where}.to`, section.to),
      summary: {
        line: typeof summary.line === 'string' ? summary.line : '',
        breaking: count('breaking'),
        warning: count('warning'),
        info: count('info'),
      },
      changes,
    };
  });
  return { schema: 1, api: content.api, sections };
}
