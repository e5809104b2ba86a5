import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES } from './rules.js';

describe('the README', () => {
  it('lists every rule with its level and side, and no rule that does not exist', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const rows = readme.split('\n').filter((line) => /^\| `[a-z-]+` /.test(line));
    const listed = rows.map((row) => row.split('|').map((cell) => cell.trim()));
    expect(listed.map((cells) => cells[1]?.replaceAll('`', ''))).toEqual(Object.keys(RULES));
    for (const cells of listed) {
      const id = cells[1]?.replaceAll('`', '') as keyof typeof RULES;
      expect([cells[2], cells[3]]).toEqual([RULES[id].level, RULES[id].side]);
    }
    expect(readme).toContain(`${RULE_IDS.length} rules`);
  });
});
