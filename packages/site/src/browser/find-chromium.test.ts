import { describe, expect, it } from 'vitest';
import { CHROMIUM_ENV, DEFAULT_CHROMIUM, findChromium } from './find-chromium.js';

describe('findChromium', () => {
  it('fails with one line that says how to install the browser', () => {
    expect(() => findChromium({ [CHROMIUM_ENV]: '/nonexistent/chromium' })).toThrow(
      /^no Chromium at \/nonexistent\/chromium: install Debian's package \(apt-get install -y chromium\) or set PROXMOX_OPENAPI_CHROMIUM/,
    );
  });

  it("finds Debian's Chromium when nothing else is asked for (the browser tests need it)", () => {
    expect(findChromium({})).toBe(DEFAULT_CHROMIUM);
  });
});
