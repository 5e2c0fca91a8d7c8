/**
 * The facts document the guest's reporter (guest/files/usr/local/lib/cloudseed-e2e/collect-facts.py)
 * writes to the second serial port between two marker lines, and its extraction from that port's log.
 */

export const FACTS_BEGIN = '===CLOUDSEED-FACTS-BEGIN===';
export const FACTS_END = '===CLOUDSEED-FACTS-END===';

/** A command the reporter ran in the guest. */
export interface CommandOutput {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FileFact {
  readonly exists: boolean;
  readonly type?: 'file' | 'dir' | 'other';
  /** Octal permission bits, four digits ("0644"). */
  readonly mode?: string;
  readonly owner?: string;
  readonly group?: string;
  readonly sha256?: string;
  /** UTF-8 text (invalid bytes replaced). */
  readonly content?: string;
}

export interface UserFact {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly gecos: string;
  readonly home: string;
  readonly shell: string;
  readonly primary_group: string;
  /** `id -Gn`: the primary group first, then the supplementary ones. */
  readonly groups: readonly string[];
  readonly authorized_keys: string | null;
  /** The password field of /etc/shadow: a crypt hash, or `!`/`*` when locked. */
  readonly shadow_hash: string | null;
}

/** One entry of `ip -j addr`. */
export interface LinkAddresses {
  readonly ifname: string;
  readonly address?: string;
  /** The NIC's own MAC when it carries another (a bond member takes the bond's). */
  readonly permaddr?: string;
  /** The bond a member is enslaved to. */
  readonly master?: string;
  readonly mtu?: number;
  readonly flags?: readonly string[];
  readonly addr_info: ReadonlyArray<{ readonly family: string; readonly local: string; readonly prefixlen: number }>;
}

/** One entry of `ip -j route`. */
export interface RouteFact {
  readonly dst: string;
  readonly gateway?: string;
  readonly dev?: string;
  readonly metric?: number;
}

/** cloud-init's /run/cloud-init/result.json. */
export interface CloudInitResult {
  readonly v1: { readonly datasource: string | null; readonly errors: readonly string[] };
}

/**
 * `cloud-init status --long --format json`; on cloud-init 20.4 (no --format) the reporter reads
 * the text form into status/detail and takes the errors from status.json (`source: "text"`).
 */
export interface CloudInitStatus {
  /** "done", "error", "running", "disabled", ... */
  readonly status: string;
  readonly detail?: string;
  readonly errors: readonly string[];
  readonly datasource?: string | null;
  readonly boot_status_code?: string;
  /** cloud-init 23.4+: "done", or "degraded done" when a stage logged a warning or deprecation. */
  readonly extended_status?: string;
  /** cloud-init 23.4+: the warnings (and deprecations, ...) of all stages, by level. */
  readonly recoverable_errors?: Readonly<Record<string, readonly string[]>>;
  readonly source?: 'text';
}

export interface GuestFacts {
  readonly boot: { readonly count: number; readonly waited_s: number; readonly cmdline: string };
  readonly cloud_init: {
    /** cloudinit.version.version_string(), e.g. "22.4.2". */
    readonly version: string;
    /** ds-identify found no datasource and the generator disabled cloud-init. */
    readonly disabled: boolean;
    /** `cloud-init status --long --format json` (a CommandOutput when that failed). */
    readonly status: CloudInitStatus | CommandOutput;
    readonly result_json: CloudInitResult | null;
    readonly status_json: unknown;
    readonly ds_identify_log: string | null;
    /** cloud-init.log records at WARNING, DEPRECATED or worse, or with a traceback, with their continuation lines. */
    readonly log_problems: readonly string[];
  };
  readonly instance_data: {
    readonly present: boolean;
    readonly v1: {
      readonly platform?: string;
      readonly subplatform?: string;
      readonly cloud_id?: string;
      readonly instance_id?: string;
      readonly local_hostname?: string;
    };
    readonly ds_meta_data: unknown;
  };
  readonly instance_id: string | null;
  readonly hostname: {
    readonly hostname: string;
    readonly fqdn: string;
    readonly etc_hostname: string | null;
    readonly etc_hosts: string | null;
  };
  readonly users: readonly UserFact[];
  /** /etc/sudoers.d/* by path. */
  readonly sudoers: Readonly<Record<string, string | null>>;
  readonly network: {
    /** The network configuration files cloud-init may have rendered, by path. */
    readonly files: Readonly<Record<string, string | null>>;
    readonly addresses: readonly LinkAddresses[];
    readonly routes4: readonly RouteFact[];
    readonly routes6: readonly RouteFact[];
    readonly resolv_conf: string | null;
    /** /sys/class/net/<bond>/bonding: mode ("active-backup 1"), slaves ("eth1 eth2"), primary, miimon. */
    readonly bonds: Readonly<Record<string, { readonly mode: string; readonly slaves: string; readonly primary: string; readonly miimon: string }>>;
    /** /proc/net/vlan/config. */
    readonly vlans: Readonly<Record<string, { readonly id: number; readonly link: string }>>;
  };
  /** write_files targets and runcmd markers, by path. */
  readonly files: Readonly<Record<string, FileFact>>;
  /** Per-instance module semaphores (/var/lib/cloud/instance/sem). */
  readonly semaphores: readonly string[];
}

/**
 * The facts document between the markers of the reporter's serial log. Throws when the markers
 * are missing or the JSON does not parse, quoting what was found.
 */
export function extractFacts(serialLog: string): GuestFacts {
  const text = serialLog.replace(/\r/g, '');
  const begin = text.indexOf(`${FACTS_BEGIN}\n`);
  const end = text.indexOf(FACTS_END, begin + 1);
  if (begin < 0 || end < 0) {
    throw new Error(`no facts between ${FACTS_BEGIN} and ${FACTS_END} in the guest's report:\n${text.slice(-2000)}`);
  }
  const json = text.slice(begin + FACTS_BEGIN.length + 1, end);
  let facts: unknown;
  try {
    facts = JSON.parse(json);
  } catch (error) {
    throw new Error(`the guest's facts are not JSON (${(error as Error).message}):\n${json.slice(0, 2000)}`);
  }
  // The reporter's shell wrapper prints this when collect-facts.py itself failed.
  if (typeof facts === 'object' && facts !== null && 'reporter_error' in facts) {
    throw new Error(`the guest's reporter failed: ${JSON.stringify(facts)} (see the console log)`);
  }
  return facts as GuestFacts;
}

/** True when the reporter has finished writing (the end marker is in the log). */
export function hasCompleteFacts(serialLog: string): boolean {
  return serialLog.includes(FACTS_END);
}
