/**
 * CLI flags as a spec overlay: `--hostname`, `--user`, `--password-file`, `--ssh-key`, `--net`,
 * `--user-data`, and the pass-through files `--meta-data`, `--network-config`, `--vendor-data`.
 * Flags win over the spec file. Files named by flags are read here, relative to
 * the current directory (spec `source:` paths stay relative to the spec file).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SpecError, type Issue } from '../../errors.js';
import { decodeSpecBytes, parseSpecText } from '../../input/load.js';
import { applySpecChanges, type SpecChanges } from '../../overlay/spec-changes.js';
import { networkSpecFromConfig } from './network-config-file.js';
import { MAX_SOURCE_BYTES } from '../../input/resolve-sources.js';
import type { Spec } from '../../input/types.js';

/** The flags; `sshKeys` here may name files of keys, and `password` comes from --password-file, the environment or a prompt, never argv. */
export interface SpecFlags extends SpecChanges {
  readonly userData?: readonly string[];
  /** An existing NoCloud meta-data file (YAML or JSON). */
  readonly metaData?: string;
  /** An existing network-config file (version 1 or 2). */
  readonly networkConfig?: string;
  /** An existing vendor-data file (any user-data type). */
  readonly vendorData?: string;
  /** Whether --instance-id was given: it wins over the meta-data file's instance-id. */
  readonly instanceIdGiven?: boolean;
}

const KEY_PREFIX = /^(ssh-|ecdsa-|sk-ssh-|sk-ecdsa-)/;
/** PEM and OpenSSH private key files; said once for the file rather than once per line of it. */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/**
 * `~` and `~/...` as the shell would expand them: the shell leaves `--ssh-key=~/.ssh/id.pub`
 * alone (the `~` is not at the start of a word), and so does a quoted `'~/.ssh/id.pub'`.
 */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/** The user's home folder. node:os is loaded only for a `~` path: a build that names none skips it. */
async function homeDirectory(): Promise<string> {
  const { homedir } = await import('node:os');
  return homedir();
}

/** Why a key file could not be read, in words; a value with spaces was more likely a mistyped key. */
function describeKeyFileError(value: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const shown = `'${value.slice(0, 60)}'`;
  if (code === 'ENOENT') {
    return /\s/.test(value.trim()) ? `${shown} is not a public key (those start with ssh-, ecdsa- or sk-) and no file has that name` : `${value}: no such file`;
  }
  if (code === 'EISDIR') return `${value} is a directory; name the public key file (e.g. ${join(value, 'id_ed25519.pub')})`;
  if (code === 'EACCES') return `${value} is not readable`;
  return `cannot read ${shown}: ${(error as Error).message}`;
}

/** `--ssh-key` takes a key or a file of keys (one per line, comments and blanks ignored). */
async function readKeys(values: readonly string[], issues: Issue[]): Promise<string[]> {
  const keys: string[] = [];
  for (const [i, given] of values.entries()) {
    if (KEY_PREFIX.test(given.trim())) {
      keys.push(given.trim());
      continue;
    }
    const value = given.startsWith('~') ? expandHome(given, await homeDirectory()) : given;
    try {
      const text = await readFile(value, 'utf8');
      if (PRIVATE_KEY.test(text)) {
        issues.push({ path: `--ssh-key[${i}]`, message: `${value} holds a private key; pass the public key (the .pub file) instead` });
        continue;
      }
      const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
      if (lines.length === 0) issues.push({ path: `--ssh-key[${i}]`, message: `${value} contains no key` });
      keys.push(...lines);
    } catch (error) {
      issues.push({ path: `--ssh-key[${i}]`, message: describeKeyFileError(value, error) });
    }
  }
  return keys;
}

/**
 * Reads a password file: its first line, without the line ending or a byte order mark (Windows
 * editors and PowerShell's `Out-File -Encoding utf8` start files with one, which would otherwise
 * become the password's first character).
 */
export async function readPasswordFile(path: string): Promise<{ password?: string; issue?: Issue }> {
  try {
    const text = decodeSpecBytes(await readFile(path));
    const password = text.split(/\r?\n/)[0] ?? '';
    if (password === '') return { issue: { path: '--password-file', message: `${path} is empty` } };
    return { password };
  } catch {
    return { issue: { path: '--password-file', message: `cannot read ${path}` } };
  }
}

/** A file named by a flag, as text; an issue naming the flag when it cannot be read. */
async function readFlagFile(path: string, flag: string, issues: Issue[]): Promise<string | undefined> {
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_SOURCE_BYTES) {
      issues.push({ path: flag, message: `${path} is ${bytes.length} bytes; the limit is ${MAX_SOURCE_BYTES}` });
      return undefined;
    }
    return new TextDecoder().decode(bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'is not readable' : (error as Error).message;
    issues.push({ path: flag, message: `${path} ${reason}` });
    return undefined;
  }
}

/** Parses a flag's YAML or JSON file; parse problems are reported under the flag. */
function parseFlagFile(text: string, path: string, flag: string, issues: Issue[]): unknown {
  try {
    return parseSpecText(text, path);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    issues.push(...error.issues.map((issue) => ({ path: flag, message: issue.message })));
    return undefined;
  }
}

/**
 * `--meta-data FILE` over the spec: the file's `instance-id` and `local-hostname` win over the
 * spec's `instance_id` and `hostname` (but not over `--instance-id` or `--hostname`); every other
 * key is written into NoCloud meta-data as given (spec `meta_data`, merged over the spec's).
 */
async function applyMetaData(merged: Record<string, unknown>, flags: SpecFlags, issues: Issue[]): Promise<void> {
  const text = await readFlagFile(flags.metaData!, '--meta-data', issues);
  if (text === undefined) return;
  const data = parseFlagFile(text, flags.metaData!, '--meta-data', issues);
  if (data === undefined) return;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    issues.push({ path: '--meta-data', message: `${flags.metaData} must be a mapping of keys to values (instance-id: ...)` });
    return;
  }
  const { 'instance-id': instanceId, 'local-hostname': hostname, ...rest } = data as Record<string, unknown>;
  if (instanceId !== undefined && instanceId !== null && !flags.instanceIdGiven) merged['instance_id'] = String(instanceId);
  if (typeof hostname === 'string' && flags.hostname === undefined) merged['hostname'] = hostname;
  if (Object.keys(rest).length > 0) merged['meta_data'] = { ...((merged['meta_data'] as object | undefined) ?? {}), ...rest };
}

/** `--network-config FILE`: replaces the spec's `network` (a later `--net` still applies over it). */
async function applyNetworkConfig(merged: Record<string, unknown>, path: string, issues: Issue[]): Promise<void> {
  const text = await readFlagFile(path, '--network-config', issues);
  if (text === undefined) return;
  const data = parseFlagFile(text, path, '--network-config', issues);
  if (data === undefined) return;
  const converted = networkSpecFromConfig(data, '--network-config');
  issues.push(...converted.issues);
  if (converted.network) merged['network'] = converted.network;
}

/**
 * Applies flags over a spec object (not yet validated). Returns the merged spec and flag issues.
 * Files named by flags are read here; the values they give go through applySpecChanges, as
 * editSeed's do. A network-config file goes in first, so `--net` applies over it.
 */
export async function applyFlags(spec: Record<string, unknown>, flags: SpecFlags): Promise<{ spec: Record<string, unknown>; issues: Issue[] }> {
  const issues: Issue[] = [];
  const sshKeys = await readKeys(flags.sshKeys ?? [], issues);
  const merged: Record<string, unknown> = { ...spec };
  if (flags.metaData !== undefined) await applyMetaData(merged, flags, issues);
  if (flags.networkConfig !== undefined) await applyNetworkConfig(merged, flags.networkConfig, issues);
  if (flags.vendorData !== undefined) {
    // Kept as text: cloud-init reads vendor-data as user-data of any type, exactly as given.
    const text = await readFlagFile(flags.vendorData, '--vendor-data', issues);
    if (text !== undefined) merged['vendor_data'] = text;
  }
  const changed = applySpecChanges(merged, { hostname: flags.hostname, user: flags.user, password: flags.password, sshKeys, net: flags.net });
  issues.push(...changed.issues);
  if (flags.userData && flags.userData.length > 0) {
    const userData = (spec['user_data'] ?? {}) as NonNullable<Spec['user_data']>;
    changed.spec['user_data'] = { ...userData, parts: [...(userData.parts ?? []), ...flags.userData.map((file) => resolve(file))] };
  }
  return { spec: changed.spec, issues };
}

/** `--ssh-key` values (keys, or files of keys) as key lines; a SpecError naming the flag when one cannot be read. */
export async function readKeyArguments(values: readonly string[]): Promise<string[]> {
  const issues: Issue[] = [];
  const keys = await readKeys(values, issues);
  if (issues.length > 0) throw new SpecError(issues);
  return keys;
}
