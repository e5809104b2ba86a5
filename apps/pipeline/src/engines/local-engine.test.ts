import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BUNDLED_WORKER = fileURLToPath(new URL('../../dist/bundle/target-worker.js', import.meta.url));

describe('the local engine of the built app', () => {
  it('runs the bundled worker from the file-by-file dist/ and from the bundle alike', async () => {
    // The tests that run the built CLI in-process import dist/; the bin runs dist/bundle/. Both
    // must start the one-file worker, not the thousand-file one beside dist/engines/.
    const fromDist = (await import(new URL('../../dist/engines/local-engine.js', import.meta.url).href)) as {
      WORKER_FILE: string;
    };
    const fromBundle = (await import(new URL('../../dist/bundle/local-engine.js', import.meta.url).href)) as {
      WORKER_FILE: string;
    };
    expect(fromDist.WORKER_FILE).toBe(BUNDLED_WORKER);
    expect(fromBundle.WORKER_FILE).toBe(BUNDLED_WORKER);
  });
});
