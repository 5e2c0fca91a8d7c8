/**
 * Host names and user names, checked the way the guest will judge them. Each check returns
 * undefined when the value is fine, else one message saying what is wrong (without repeating
 * the whole value: the caller names the field).
 */
import { describeCharacter, findDisallowed, quoteExcerpt } from './describe-text.js';

/** RFC 1035 2.3.4 (labels) and RFC 1123 2.1 (a label may start with a digit). */
const LABEL_MAX = 63;
/** RFC 1035 2.3.4 limits a name to 255 octets on the wire, which is 253 characters in text. */
const FQDN_MAX = 253;
/** useradd (shadow) on Debian: names up to 32 characters (utmp's ut_user). */
const USER_NAME_MAX = 32;

const NOT_LABEL_CHARACTER = /[^A-Za-z0-9-]/u;
/** Debian's useradd default: `^[a-z_][a-z0-9_-]*[$]?$`. */
const NOT_USER_NAME_CHARACTER = /[^a-z0-9_$-]/u;
const USER_NAME_START = /^[a-z_]$/;
const ASCII = /^[\x20-\x7e]$/;

function checkLineBreak(value: string): string | undefined {
  return /[\r\n]/.test(value) ? 'contains a newline' : undefined;
}

function describeDisallowed(character: string, allowedText: string): string {
  if (!ASCII.test(character) && !/^[\t\r\n]$/.test(character)) return `contains non-ASCII character ${describeCharacter(character)}`;
  return `contains ${describeCharacter(character)}, which is not allowed (${allowedText})`;
}

/** One DNS label: 1-63 of letters, digits and '-', not starting or ending with '-'. */
function checkLabel(label: string): string | undefined {
  if (label === '') return 'is empty';
  const bad = findDisallowed(label, NOT_LABEL_CHARACTER);
  if (bad !== undefined) return describeDisallowed(bad, "use letters, digits and '-'");
  if (label.startsWith('-')) return "starts with '-'";
  if (label.endsWith('-')) return "ends with '-'";
  if (label.length > LABEL_MAX) return `is longer than ${LABEL_MAX} characters (${label.length})`;
  return undefined;
}

/** A host name: one RFC 1123 label such as `web01`. */
export function checkHostname(value: string): string | undefined {
  if (value === '') return 'is empty';
  const lineBreak = checkLineBreak(value);
  if (lineBreak) return lineBreak;
  if (value.includes('.')) return "contains '.': a hostname is a single label such as 'web01'; put the full name in fqdn";
  return checkLabel(value);
}

/**
 * A fully qualified name such as `web01.example.com`: at least two labels, at most 253
 * characters. A trailing dot (DNS root) is rejected: cloud-init writes the name as given into
 * /etc/hosts and the hostname, where the dot would be kept.
 */
export function checkFqdn(value: string): string | undefined {
  if (value === '') return 'is empty';
  const lineBreak = checkLineBreak(value);
  if (lineBreak) return lineBreak;
  if (value.endsWith('.')) return "ends with '.': write the name without the trailing dot";
  if (value.startsWith('.')) return "starts with '.'";
  const labels = value.split('.');
  if (labels.length < 2) return "has a single label; an FQDN has at least two, such as 'web01.example.com'";
  for (const [i, label] of labels.entries()) {
    if (label === '') return "has an empty label (two dots in a row)";
    const problem = checkLabel(label);
    if (problem) return `label ${i + 1} (${quoteExcerpt(label, 20)}) ${problem}`;
  }
  // RFC 3696 2: a top-level domain is never all digits; such a name is an IP address.
  if (/^\d+$/.test(labels[labels.length - 1]!)) return 'ends with an all-digit label: that is an IP address, not a name';
  if (value.length > FQDN_MAX) return `is longer than ${FQDN_MAX} characters (${value.length})`;
  return undefined;
}

/**
 * A login name that Debian's useradd accepts by default (`^[a-z_][a-z0-9_-]*[$]?$`, at most
 * 32 characters). `root` is allowed: the oVirt payload sets root's password.
 */
export function checkUserName(value: string): string | undefined {
  if (value === '') return 'is empty';
  const lineBreak = checkLineBreak(value);
  if (lineBreak) return lineBreak;
  const bad = findDisallowed(value, NOT_USER_NAME_CHARACTER);
  if (bad !== undefined) {
    if (/^[A-Z]$/.test(bad)) return `contains uppercase ${describeCharacter(bad)}: useradd accepts only lowercase names`;
    return describeDisallowed(bad, "use lowercase letters, digits, '_' and '-'");
  }
  const dollar = value.indexOf('$');
  if (dollar !== -1 && dollar !== value.length - 1) return "has '$' before the end ('$' may only be the last character)";
  if (!USER_NAME_START.test(value[0]!)) return `starts with ${describeCharacter(value[0]!)}; a user name starts with a lowercase letter or '_'`;
  if (value.length > USER_NAME_MAX) return `is longer than ${USER_NAME_MAX} characters (${value.length})`;
  return undefined;
}
