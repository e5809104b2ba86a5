import { setFlagsFromString } from 'node:v8';

let applied = false;

/**
 * Makes the worker threads created from now on optimize their code on their own thread instead
 * of in V8's background compiler threads (`--no-concurrent-recompilation`), once per process.
 *
 * Why: the optimizing compiler's working memory is malloc'd by the thread that compiles, and the
 * background threads' malloc arenas kept what two busy workers' compilations had needed: about
 * 40 MiB of a cold run's peak of every product (pipeline README, "Peak memory (fourth
 * round)"). With two workers on two cores the background threads only took turns with the
 * workers anyway: the same runs took less CPU without them, and no more wall time.
 *
 * A worker cannot be given V8 flags (`execArgv` refuses them), and V8 reads this one when it
 * creates an isolate, so it is set here, in the parent, before the first worker starts; the
 * main thread's isolate, created before, keeps its background compiler.
 */
export function optimizeWorkersOnTheirOwnThread(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--no-concurrent-recompilation');
}
