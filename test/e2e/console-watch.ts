/**
 * Signs in the guest's console that a TCG boot has stalled (a loaded host starves the vCPU thread):
 * such a boot is retried once rather than waited out.
 */

const STALL_PATTERNS: readonly RegExp[] = [
  /rcu: INFO: rcu_\w+ (?:self-)?detected stalls?/,
  /rcu_\w+ detected stalls on CPUs/,
  /watchdog: BUG: soft lockup/,
  /INFO: task \S+ blocked for more than \d+ seconds/,
];

/** The first console line that shows a stall, if any. */
export function findStall(consoleLog: string): string | undefined {
  for (const line of consoleLog.split('\n')) {
    if (STALL_PATTERNS.some((pattern) => pattern.test(line))) return line.trim();
  }
  return undefined;
}
