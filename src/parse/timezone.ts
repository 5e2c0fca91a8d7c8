/**
 * `timezone`: a name of the tz database. cloud-init links /etc/localtime to
 * /usr/share/zoneinfo/<name> and fails the module when that file does not exist, so a misspelt
 * zone builds a guest that keeps UTC. The names are checked against the tz database this
 * Node.js ships (ICU): its canonical names, and the aliases it accepts (US/Pacific, Etc/UTC).
 */
import { closestMatch } from '../common/did-you-mean.js';
import { quoteExcerpt } from '../common/describe-text.js';

let canonicalNames: ReadonlySet<string> | undefined;

/** The runtime's canonical zone names, read once, when a spec names a zone. */
function knownNames(): ReadonlySet<string> {
  canonicalNames ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return canonicalNames;
}

/** The canonical name ICU resolves `name` to (case-insensitively), or undefined when it knows no such zone. */
function resolveZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** tz database names start every part with a capital letter (Europe/Berlin, US/Pacific, Etc/GMT+5, EST5EDT). */
const TZ_SHAPE = /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)*$/;

const tzVersion = (): string => (process.versions.tz ? `tzdata ${process.versions.tz}` : 'the tz database');

/** Undefined for a zone the guest has, otherwise what is wrong and the likely name. */
export function checkTimezone(name: string): string | undefined {
  if (knownNames().has(name)) return undefined;
  const resolved = resolveZone(name);
  if (resolved === undefined) {
    const suggestion = closestMatch(name, [...knownNames()]);
    return `${quoteExcerpt(name)} is not a time zone of ${tzVersion()}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; names look like Europe/Berlin or Etc/UTC`;
  }
  if (resolved === name) return undefined;
  // ICU matches names in any case; the guest's file system does not.
  if (resolved.toLowerCase() === name.toLowerCase() || !TZ_SHAPE.test(name)) {
    return `${quoteExcerpt(name)} is not spelt as the tz database spells it (the guest looks the name up case-sensitively): did you mean '${resolved}'?`;
  }
  return undefined;
}
