/**
 * The only cloud-init warnings an e2e boot may log, in one place. Every other WARNING,
 * DEPRECATED, ERROR or traceback line in /var/log/cloud-init.log, every recoverable error and a
 * `degraded` extended status fail the boot (assert-cloud-init.ts assertNoWarnings).
 *
 * KNOWN_SEED_WARNINGS are bugs of our seeds, expected until the renderers are fixed: each names
 * the warning, the scenarios and cloud-init versions that log it. Once a fix lands, delete its
 * entry and those scenarios are strict again; an entry no boot needed is reported as a test
 * diagnostic ("unused known seed warning") so a stale one is easy to spot.
 */

export interface KnownWarning {
  /** Short name: what logs the warning and why. */
  readonly name: string;
  /** Scenario names (scenarios.test.ts) it is expected in. */
  readonly scenarios: RegExp;
  /** cloud-init versions (cloudinit.version.version_string()) that log it. */
  readonly cloudInit: RegExp;
  /** The log record's message or the recoverable error's text. */
  readonly message: RegExp;
}

export const KNOWN_SEED_WARNINGS: readonly KnownWarning[] = [
  {
    // The oVirt payload's cloud-config carries `output: {all: ">> /var/log/cloud-init-output.log"}`
    // (what oVirt's engine writes); cloud-init logs the redirection it asks for as a WARNING at
    // every stage. Seen on 20.4.1 (bullseye) and 25.1.4 (trixie).
    name: 'ovirt: output.all redirection logs "Stdout, stderr changing to"',
    scenarios: /-ovirt-/,
    cloudInit: /^(20\.4|22\.4|25\.1)\./,
    message: /Stdout, stderr changing to \(>> \/var\/log\/cloud-init-output\.log, >> \/var\/log\/cloud-init-output\.log\)$/,
  },
  {
    // The oVirt payload sets the password with the top-level `password:` (as oVirt's engine does)
    // and says `lock_passwd: false` on the default `user:`, which carries no passwd of its own;
    // cloud-init 25.1 warns in every stage that it will not unlock that user. Seen on 25.1.4.
    name: "ovirt: `user: {lock_passwd: false}` without passwd logs \"Not unlocking password\"",
    scenarios: /-ovirt-/,
    cloudInit: /^25\.1\./,
    message: /Not unlocking password for user admin\. 'lock_passwd: false' present in user-data but no 'passwd'\/'plain_text_passwd'\/'hashed_passwd' provided in user-data$/,
  },
  {
    // A NoCloud v2 network-config for an IPv6 default route carries `gateway6` (the form cloud-init
    // before 23.1 needs: it turns a `::/0` route into `::/64`); cloud-init 25.1 logs it as
    // deprecated in every stage and reports `degraded done`. Seen on 25.1.4 in the dual-stack
    // scenarios (ENI and netplan renderers).
    name: 'nocloud: network-config v2 `gateway6` is deprecated',
    scenarios: /^trixie-.*-dual-stack-rename$/,
    cloudInit: /^25\.1\./,
    message: /The use of `gateway4` and `gateway6` is deprecated in 22\.4 and scheduled to be removed in 27\.4\. For more info check out: https:\/\/docs\.cloud-init\.io\/en\/latest\/topics\/network-config-format-v2\.html$/,
  },
];

/** The known seed warnings that apply to one boot. */
export function knownSeedWarnings(scenario: string | undefined, cloudInitVersion: string): KnownWarning[] {
  if (scenario === undefined) return [];
  return KNOWN_SEED_WARNINGS.filter((known) => known.scenarios.test(scenario) && known.cloudInit.test(cloudInitVersion));
}

/**
 * Warnings of the guest image itself, not of any seed. Kept tiny: a guest artefact is fixed in
 * the image (build-guest.sh, guest/) rather than listed here.
 */
export const GUEST_IMAGE_WARNINGS: readonly KnownWarning[] = [];
