/**
 * Boots the e2e guest under QEMU and returns the facts its reporter wrote. Each boot leaves, in its
 * work folder, <name>.console.log, <name>.facts.log, <name>.facts.json and <name>.qemu-args.txt.
 * A boot that stalls (RCU stall, soft lockup, long silence on the console) is retried once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runTool } from '../helpers/tools.js';
import { chooseAccelerator } from './accelerator.js';
import { findStall } from './console-watch.js';
import { extractFacts, hasCompleteFacts, type GuestFacts } from './facts.js';
import type { GuestImage } from './guest-image.js';
import { buildQemuArgs, formatCommandLine, type Machine, type SerialLogs } from './qemu-args.js';

const QEMU = 'qemu-system-x86_64';
const POLL_MS = 1000;
const STOP_GRACE_MS = 5000;

export interface BootOptions {
  readonly workDir: string;
  /** Names this boot's files in workDir (`boot1` for the first boot of an overlay, ...). */
  readonly name: string;
  /**
   * Until the facts are complete (and, with an overlay, the guest has powered off). Default 480 s,
   * or CLOUDSEED_E2E_BOOT_TIMEOUT_S: TCG boots on a 2-core host shared with other work slow down
   * several-fold.
   */
  readonly timeoutMs?: number;
  /** Console silence that counts as a stall. Default 150 s (a healthy TCG boot is never silent 10 s). */
  readonly silenceMs?: number;
}

export interface BootResult {
  readonly facts: GuestFacts;
  readonly durationMs: number;
  /** 2 when the first attempt stalled. */
  readonly attempts: number;
}

type Outcome =
  | { readonly kind: 'facts'; readonly serial: string }
  | { readonly kind: 'stall'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

interface BootFiles extends SerialLogs {
  readonly args: string;
}

function defaultTimeoutMs(): number {
  const seconds = Number(process.env.CLOUDSEED_E2E_BOOT_TIMEOUT_S ?? 480);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error('CLOUDSEED_E2E_BOOT_TIMEOUT_S must be a positive number of seconds');
  return seconds * 1000;
}

/** A qcow2 overlay over the guest image, for a guest whose writes must survive a reboot. */
export function createOverlay(guest: GuestImage, path: string): void {
  runTool('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', guest.image, '-F', 'raw', path]);
}

/** Boots the machine until its reporter has written the facts; throws with the reason otherwise. */
export async function bootGuest(machine: Machine, options: BootOptions): Promise<BootResult> {
  const files = bootFiles(options.workDir, options.name);
  const started = Date.now();
  // A retried boot must start from the same disk state: keep the overlay as it was before.
  const overlayBackup = join(options.workDir, `${options.name}.overlay-before.qcow2`);
  if (machine.root.kind === 'overlay') await copyFile(machine.root.path, overlayBackup);

  let outcome = await attemptBoot(machine, files, options);
  let attempts = 1;
  if (outcome.kind === 'stall') {
    await keepFirstAttempt(files, options, outcome.reason);
    if (machine.root.kind === 'overlay') await copyFile(overlayBackup, machine.root.path);
    outcome = await attemptBoot(machine, files, options);
    attempts = 2;
  }
  if (outcome.kind !== 'facts') {
    throw new Error(`boot ${options.name} ${outcome.kind === 'stall' ? 'stalled twice' : 'failed'}: ${outcome.reason}`);
  }
  const facts = extractFacts(outcome.serial);
  await writeFile(join(options.workDir, `${options.name}.facts.json`), `${JSON.stringify(facts, null, 2)}\n`);
  return { facts, durationMs: Date.now() - started, attempts };
}

function bootFiles(workDir: string, name: string): BootFiles {
  return {
    console: join(workDir, `${name}.console.log`),
    facts: join(workDir, `${name}.facts.log`),
    args: join(workDir, `${name}.qemu-args.txt`),
  };
}

async function keepFirstAttempt(files: BootFiles, options: BootOptions, reason: string): Promise<void> {
  const first = bootFiles(options.workDir, `${options.name}.attempt1`);
  await rename(files.console, first.console);
  await rename(files.facts, first.facts);
  await writeFile(first.args, `${await readFile(files.args, 'utf8')}# stalled: ${reason}\n`);
}

async function attemptBoot(machine: Machine, files: BootFiles, options: BootOptions): Promise<Outcome> {
  const args = buildQemuArgs(machine, files, chooseAccelerator());
  await writeFile(files.args, `${formatCommandLine(QEMU, args)}\n`);
  await writeFile(files.console, '');
  await writeFile(files.facts, '');
  const qemu = spawn(QEMU, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  qemu.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<string>((resolve) => {
    qemu.on('error', (error) => resolve(`cannot run ${QEMU}: ${error.message} (run scripts/ensure-e2e-tools.sh)`));
    qemu.on('close', (status, signal) => resolve(`QEMU exited (${signal ?? status})`));
  });
  try {
    return await watchBoot(files, exit, () => stderr, {
      waitForPowerOff: machine.root.kind === 'overlay',
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs(),
      silenceMs: options.silenceMs ?? 150_000,
    });
  } finally {
    await stopQemu(qemu, exit);
  }
}

interface WatchLimits {
  /** An overlay keeps the guest's writes only after a clean shutdown. */
  readonly waitForPowerOff: boolean;
  readonly timeoutMs: number;
  readonly silenceMs: number;
}

async function watchBoot(
  files: BootFiles,
  exit: Promise<string>,
  stderr: () => string,
  limits: WatchLimits,
): Promise<Outcome> {
  const started = Date.now();
  let exited: string | undefined;
  void exit.then((reason) => (exited = reason));
  let consoleLength = 0;
  let lastOutput = started;
  for (;;) {
    await sleep(POLL_MS);
    const now = Date.now();
    const consoleLog = await readFile(files.console, 'utf8');
    if (consoleLog.length !== consoleLength) {
      consoleLength = consoleLog.length;
      lastOutput = now;
    }
    const stall = findStall(consoleLog);
    if (stall) return { kind: 'stall', reason: `console: ${stall}` };
    const serial = await readFile(files.facts, 'utf8');
    const complete = hasCompleteFacts(serial);
    if (complete && (!limits.waitForPowerOff || exited)) return { kind: 'facts', serial };
    if (exited) {
      const when = complete ? 'after reporting' : 'before the guest reported facts';
      return { kind: 'failed', reason: `${exited} ${when}\n${stderr()}` };
    }
    if (now - lastOutput > limits.silenceMs) {
      return { kind: 'stall', reason: `no console output for ${limits.silenceMs / 1000} s` };
    }
    if (now - started > limits.timeoutMs) {
      const missing = complete ? 'the guest did not power off' : 'no facts';
      return { kind: 'failed', reason: `${missing} after ${limits.timeoutMs / 1000} s` };
    }
  }
}

async function stopQemu(qemu: ChildProcess, exit: Promise<string>): Promise<void> {
  if (qemu.exitCode !== null || qemu.signalCode !== null || qemu.pid === undefined) return;
  qemu.kill('SIGTERM');
  const stopped = await Promise.race([exit.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (!stopped) {
    qemu.kill('SIGKILL');
    await exit;
  }
}
