import { describe, expect, it } from 'vitest';
import { expandIndexedName, indexRange, PROXMOX_INDEX_LIMITS } from './indexed.js';

describe('indexed parameter ranges', () => {
  it('reads "n is 0 to 30" from the description', () => {
    expect(
      indexRange('scsi[n]', { description: 'Use volume as SCSI hard disk or CD-ROM (n is 0 to 30).' }),
    ).toEqual({
      base: 'scsi',
      min: 0,
      max: 30,
      source: 'description',
    });
  });

  it('reads "link0..link7" from the description', () => {
    const range = indexRange('link[n]', {
      description: 'A corosync link. (up to 8 links supported; link0..link7)',
    });
    expect(range).toMatchObject({ min: 0, max: 7, source: 'description' });
  });

  it('takes the largest bound the description names', () => {
    const range = indexRange('usb[n]', {
      description:
        'Configure an USB device (n is 0 to 4, for machine version >= 7.1 and ostype l26 or windows > 7, n can be up to 14).',
    });
    expect(range).toMatchObject({ max: 14, source: 'description' });
  });

  it('falls back to the table of Proxmox limits', () => {
    expect(indexRange('net[n]', { description: 'Specify network devices.' })).toMatchObject({
      max: PROXMOX_INDEX_LIMITS.net?.max,
      source: 'table',
    });
    expect(indexRange('mp[n]', {})).toMatchObject({ max: 255, source: 'table' });
  });

  it('uses a documented default for an unknown name, and ignores names that are not indexed', () => {
    expect(indexRange('widget[n]', {})).toMatchObject({ base: 'widget', max: 9, source: 'default' });
    expect(indexRange('net0', {})).toBeUndefined();
  });

  it('expands to the real names', () => {
    expect(expandIndexedName({ base: 'serial', min: 0, max: 3, source: 'description' })).toEqual([
      'serial0',
      'serial1',
      'serial2',
      'serial3',
    ]);
  });
});
