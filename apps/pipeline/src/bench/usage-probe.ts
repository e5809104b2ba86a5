import { writeFileSync } from 'node:fs';

/*
 * Preloaded into a benchmarked CLI process (`node --import usage-probe.js`): when the process
 * exits, its own resource usage — CPU of every thread, workers included, and the peak resident
 * memory — is written as JSON to the file that PROXMOX_OPENAPI_BENCH_USAGE names. Node cannot ask
 * for a finished child's usage, so the child reports it itself.
 */
const target = process.env.PROXMOX_OPENAPI_BENCH_USAGE;
if (target !== undefined && target !== '') {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        maxRssMiB: usage.maxRSS / 1024,
      }),
    );
  });
}
