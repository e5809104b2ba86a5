import { readFileSync } from 'node:fs';

/*
 * What identifies a process beyond its pid, on Linux: its start time (field 22 of
 * /proc/<pid>/stat, clock ticks since boot) and the boot it runs in
 * (/proc/sys/kernel/random/boot_id). A pid is reused after its process ends, and in another
 * pid namespace the same number names another process; (pid, start time, boot id) does not.
 * Elsewhere (no /proc) both are undefined and only the pid is known.
 */

/** The start time of a process in clock ticks after boot; undefined when it cannot be read. */
export function processStartTime(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the name start at field 3, so field 22 is index 19.
    const value = fields[19];
    return value !== undefined && /^\d+$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** This boot's id; undefined when the system does not expose one. */
export function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process of this machine is running (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
