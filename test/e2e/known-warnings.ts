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

// Empty: the oVirt payload's output redirection and passwordless `lock_passwd: false` user, and the
// NoCloud v2 `gateway6`, each once listed here, are fixed in the renderers (docs/datasources.md).
export const KNOWN_SEED_WARNINGS: readonly KnownWarning[] = [];

/** The known seed warnings that apply to one boot. */
export function knownSeedWarnings(
  scenario: string | undefined,
  cloudInitVersion: string,
  list: readonly KnownWarning[] = KNOWN_SEED_WARNINGS,
): KnownWarning[] {
  if (scenario === undefined) return [];
  return list.filter((known) => known.scenarios.test(scenario) && known.cloudInit.test(cloudInitVersion));
}

/**
 * Warnings of the guest image itself, not of any seed. Kept tiny: a guest artefact is fixed in
 * the image (build-guest.sh, guest/) rather than listed here.
 */
export const GUEST_IMAGE_WARNINGS: readonly KnownWarning[] = [];
