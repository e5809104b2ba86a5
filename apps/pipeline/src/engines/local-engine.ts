import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runTargetStages } from '../run/run-target.js';
import type { Engine, EngineOptions } from './engine.js';
import { WorkerPool } from './worker-pool.js';

export interface LocalEngineOptions extends EngineOptions {
  /**
   * Run the targets in worker threads (default: when the built worker exists). The stages are
   * CPU-bound and synchronous in parts (generation, YAML, Redocly), so on one thread PBS's
   * validation would wait for PVE's generation; with a worker per core every core works.
   * Tests that import the TypeScript sources run the targets inline instead.
   */
  workers?: boolean;
}

const BUNDLED_WORKER = fileURLToPath(new URL('../bundle/target-worker.js', import.meta.url));

/**
 * The file the pool's workers run: the bundled worker (dist/bundle/, scripts/bundle-cli.js),
 * whether this module runs from the bundle or from the file-by-file dist/ that the tests import
 * (`../bundle/` is the same folder from dist/engines/ and from dist/bundle/). It loads its code
 * from a few files instead of about a thousand, 0.3 s of CPU less per worker; a dist/ built
 * without the bundle uses its own sibling.
 */
export const WORKER_FILE = existsSync(BUNDLED_WORKER)
  ? BUNDLED_WORKER
  : fileURLToPath(new URL('./target-worker.js', import.meta.url));

/**
 * The default engine: the stages in this Node process, in a pool of reused worker threads, as
 * many as the machine has cores (`os.availableParallelism()`), never more than it has targets.
 */
export async function createLocalEngine(options: LocalEngineOptions): Promise<Engine> {
  const workers = options.workers ?? (import.meta.url.endsWith('.js') && existsSync(WORKER_FILE));
  const pool = workers ? new WorkerPool(WORKER_FILE, Math.max(1, availableParallelism())) : undefined;
  return {
    name: 'local',
    runTarget: (job, onStage, signal) =>
      pool ? pool.run(job, onStage, signal) : runTargetStages(job, onStage, signal),
    async close() {
      await pool?.close();
    },
  };
}
