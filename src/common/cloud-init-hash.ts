/**
 * cloud-init's own test of "is this password a hash?" (cc_set_passwords, the same since 19.1):
 * `re.match(r"\$(1|2a|2y|5|6)(\$.+){2}", value)`, on a value without ':'. What passes goes to
 * `chpasswd -e` as a hash; anything else is set as the literal password. The spec validator
 * (which also checks a hash's shape) and the seed reader both ask this one question here.
 */
const CLOUD_INIT_HASH = /^\$(1|2a|2y|5|6)(\$.+){2}/;

export function isCloudInitHash(value: string): boolean {
  return !value.includes(':') && CLOUD_INIT_HASH.test(value);
}
