import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { EngineFactory, TargetJob, TargetOutcome } from './engine.js';

/*
 * What a target's container runs: `node dagger-target-runner.js JOB OUTCOME`. It reads the
 * TargetJob (container paths), builds the target with the local engine's stage code, and writes
 * the TargetOutcome as JSON. Expected failures are part of the outcome; only a crash exits
 * non-zero. So both engines run the same stages, and the orchestrator on the host checks and
 * publishes what either produced the same way.
 */

// The local engine module is found at run time (beside this file in dist/): the runner
// depends on the seam's factory type only, not on the local engine's internals.
async function loadLocalEngine(): Promise<EngineFactory> {
  const module = (await import(new URL('./local-engine.js', import.meta.url).href)) as {
    createLocalEngine?: unknown;
  };
  if (typeof module.createLocalEngine !== 'function') {
    throw new Error('engines/local-engine.js does not export createLocalEngine');
  }
  return module.createLocalEngine as EngineFactory;
}

/** Builds one job with the local engine and writes its outcome; returns the outcome. */
export async function runTargetJob(
  jobFile: string,
  outcomeFile: string,
  root: string,
  createEngine?: EngineFactory,
): Promise<TargetOutcome> {
  const job = JSON.parse(await readFile(jobFile, 'utf8')) as TargetJob;
  // The orchestrator hands an engine an existing, empty folder; in a container that is ours to make.
  await mkdir(job.outDir, { recursive: true });
  const engine = await (createEngine ?? (await loadLocalEngine()))({ root });
  try {
    const outcome = await engine.runTarget(job, (record) => {
      process.stderr.write(
        `${record.api} ${record.stage} ${record.status}${record.cached ? ' (cached)' : ''}\n`,
      );
    });
    await writeFile(outcomeFile, `${JSON.stringify(outcome, null, 2)}\n`);
    return outcome;
  } finally {
    await engine.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [jobFile, outcomeFile] = process.argv.slice(2);
  if (!jobFile || !outcomeFile) {
    process.stderr.write('usage: dagger-target-runner.js JOB.json OUTCOME.json\n');
    process.exitCode = 2;
  } else {
    runTargetJob(jobFile, outcomeFile, process.cwd()).catch((error: unknown) => {
      process.stderr.write(
        `dagger-target-runner: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 3;
    });
  }
}
