/** Config drives (configdrive and ovirt datasources) read back by cloud-init's own code. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InstanceModel } from '../../src/model/types.js';
import { buildSeed, renderSeed, type BuiltSeed } from '../../src/seed.js';
import { loadSpecFile } from '../../src/input/load.js';
import { GOLDEN_ROOT } from './golden.js';
import { extractIsoWithXorriso, writeTreeToDir } from './images.js';
import { runTool, withTempDir } from './tools.js';

const HELPERS = import.meta.dirname;

/** A file's bytes as the Python helpers print them (base64). */
export const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

export interface UserDataPart {
  readonly type: string;
  readonly filename: string | null;
  /** base64 */
  readonly content: string;
}

/** What read-config-drive.py prints. */
export interface ConfigDriveView {
  readonly reader: {
    readonly metadata: Record<string, unknown>;
    readonly userdata: string;
    readonly vendordata: unknown;
    readonly networkdata: Record<string, unknown> | null;
    readonly network_v1: { version: 1; config: Record<string, unknown>[] } | null;
    readonly eni: string | null;
    readonly eni_v1: { version: 1; config: Record<string, unknown>[] } | null;
    readonly files: Record<string, string>;
    readonly dsmode: string | null;
  };
  readonly read_config_drive: { readonly version: number; readonly metadata: Record<string, unknown>; readonly userdata: string };
  readonly datasource: {
    readonly found: boolean;
    readonly dsmode: string;
    readonly instance_id: string;
    readonly hostname: string;
    readonly fqdn: string;
    readonly public_keys: string[];
    readonly userdata_raw: string;
    readonly userdata_parts: UserDataPart[];
    readonly vendordata_raw: string | null;
    readonly network_config: { version: number; config: Record<string, unknown>[] } | null;
    readonly files: Record<string, string>;
  };
}

/** The NICs a guest would have for this model: MAC -> the name the spec gives it. */
export function knownMacs(model: InstanceModel): Record<string, string> {
  return Object.fromEntries((model.network?.ethernets ?? []).flatMap((e) => (e.mac === null ? [] : [[e.mac, e.name]])));
}

export function readConfigDrive(dir: string, macs: Record<string, string>): ConfigDriveView {
  const args = [join(HELPERS, 'read-config-drive.py'), dir, ...Object.entries(macs).map(([mac, name]) => `${mac}=${name}`)];
  return JSON.parse(runTool('/usr/bin/python3', args).stdout) as ConfigDriveView;
}

/** A golden case's spec (test/golden/specs/<case>.yaml) with the folder its sources are relative to. */
export function loadCase(caseName: string) {
  return loadSpecFile(join(GOLDEN_ROOT, 'specs', `${caseName}.yaml`));
}

export async function renderCase(caseName: string) {
  const { data, baseDir } = await loadCase(caseName);
  return renderSeed(data, { baseDir });
}

const views = new Map<string, Promise<ConfigDriveView>>();

/** A golden case's rendered tree as cloud-init reads it from a folder (once per case: each read starts Python). */
export function readRenderedCase(caseName: string): Promise<ConfigDriveView> {
  if (!views.has(caseName)) {
    const read = renderCase(caseName).then((seed) =>
      withTempDir((dir) => {
        writeTreeToDir(seed.files, dir);
        return readConfigDrive(dir, knownMacs(seed.model));
      }),
    );
    views.set(caseName, read);
  }
  return views.get(caseName)!;
}

/**
 * A golden case built into an ISO image, extracted by xorriso (which must find exactly the built
 * files) and read by cloud-init's config-drive code.
 */
export async function readBuiltCase(caseName: string): Promise<{ seed: BuiltSeed; view: ConfigDriveView }> {
  const { data, baseDir } = await loadCase(caseName);
  const seed = await buildSeed(data, { baseDir });
  const view = await withTempDir((dir) => {
    writeFileSync(join(dir, 'seed.iso'), seed.image);
    assert.deepEqual(extractIsoWithXorriso(join(dir, 'seed.iso'), join(dir, 'x')), seed.files);
    return readConfigDrive(join(dir, 'x'), knownMacs(seed.model));
  });
  return { seed, view };
}

/** What set-passwords.py prints: cloud-init's own handling of users and passwords. */
export interface PasswordView {
  readonly default_user: string | null;
  readonly users: Record<string, Record<string, unknown>>;
  readonly chpasswd: { user: string; password: string; hashed: boolean }[];
  readonly expired: string[];
  readonly ssh_pwauth: unknown[];
}

export function applyPasswords(cloudConfigFile: string): PasswordView {
  return JSON.parse(runTool('/usr/bin/python3', [join(HELPERS, 'set-passwords.py'), cloudConfigFile]).stdout) as PasswordView;
}

/** `cloud-init schema` must call the document valid and say nothing about deprecated keys. */
export function assertValidCloudConfig(text: string, file: string): void {
  writeFileSync(file, text);
  const result = runTool('cloud-init', ['schema', '--config-file', file], { allowFailure: true });
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, output);
  assert.match(output, /Valid cloud-config/);
  assert.doesNotMatch(output, /deprecat/i, output);
}

/** True when crypt(3) (Python's crypt module, i.e. libxcrypt) verifies the password against the hash. */
export function verifyCrypt(password: string, hash: string): boolean {
  const script = 'import crypt, sys; password, hash = sys.stdin.read().split("\\0"); print(crypt.crypt(password, hash) == hash)';
  return runTool('/usr/bin/python3', ['-W', 'ignore', '-c', script], { input: `${password}\0${hash}` }).stdout.trim() === 'True';
}

/** cloud-init's reading of an /etc/network/interfaces text (eni.convert_eni_data), as network config v1. */
export function convertEni(text: string): { version: 1; config: Record<string, unknown>[] } {
  const script = 'import json, sys; from cloudinit.net import eni; print(json.dumps(eni.convert_eni_data(sys.stdin.read())))';
  return JSON.parse(runTool('/usr/bin/python3', ['-c', script], { input: text }).stdout);
}
