import { describe, expect, it } from 'vitest';
import { parseApiSelection } from './api-selection.js';
import { UsageError } from './errors.js';

describe('parseApiSelection', () => {
  it('reads all, both, one id and a comma list', () => {
    expect(parseApiSelection('all')).toEqual(['pve', 'pbs', 'pmg', 'pdm', 'pve8']);
    expect(parseApiSelection('both')).toEqual(['pve', 'pbs']);
    expect(parseApiSelection('pmg')).toEqual(['pmg']);
    expect(parseApiSelection('pve,pdm')).toEqual(['pve', 'pdm']);
    expect(parseApiSelection(' pdm , pve8 ')).toEqual(['pdm', 'pve8']);
  });

  it('refuses what is not a selection with one line that names the value', () => {
    const cases: [string, RegExp][] = [
      ['', /^--api is empty: expected all, both or one or more of pve, pbs, pmg, pdm, pve8/],
      ['   ', /^--api is empty/],
      ['pve,,pmg', /^--api pve,,pmg: item 2 is empty/],
      ['pve,', /^--api pve,: item 2 is empty/],
      ['pve,xyz', /^--api pve,xyz: unknown API "xyz": expected all, both or one or more of pve/],
      ['PVE', /unknown API "PVE"/],
      ['pve,pmg,pve', /^--api pve,pmg,pve: "pve" is given twice/],
      ['pve,all', /"all" stands alone/],
      ['both,pmg', /"both" stands alone/],
    ];
    for (const [value, message] of cases) {
      let caught: unknown;
      try {
        parseApiSelection(value);
      } catch (error) {
        caught = error;
      }
      expect(caught, value).toBeInstanceOf(UsageError);
      expect((caught as Error).message, value).toMatch(message);
      expect((caught as Error).message, value).not.toContain('\n');
    }
  });

  it('names the option it is given', () => {
    expect(() => parseApiSelection('nope', 'api')).toThrow(/^api nope: unknown API/);
  });
});
