import { describe, expect, it } from 'vitest';
import { markdownTable } from './markdown-table.js';

describe('markdownTable', () => {
  it('pads every column to its widest cell, with a separator row of at least three dashes', () => {
    expect(
      markdownTable([
        ['API', 'ms'],
        ['pve', '1234'],
        ['pbs', '7'],
      ]),
    ).toBe(['| API | ms   |', '| --- | ---- |', '| pve | 1234 |', '| pbs | 7    |'].join('\n'));
  });

  it('treats a missing cell as empty', () => {
    expect(markdownTable([['a', 'b'], ['x']]).split('\n')[2]).toBe('| x   |     |');
  });
});
