/**
 * Bounds on complexity bombs measure this process's CPU time, not the wall clock: other processes
 * on a loaded machine stretch a run's wall time many times over (a full suite beside other builds
 * saw one validation take 6.8 s of wall time for about 0.4 s of CPU), but hardly the CPU time the
 * run itself needs.
 */

/** Milliseconds of CPU time (user and system) this process has used since `start` (a `process.cpuUsage()`). */
export function cpuMillisSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
