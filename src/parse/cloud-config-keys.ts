/**
 * Keys users paste from cloud-config that the spec spells or places differently. An edit distance
 * would point `passwd` at `password`, which takes a plain password, while cloud-init's `passwd`
 * holds a hash: these get the key that means the same thing, and why.
 */

interface KeyHint {
  /** The spec's key that means the same, as a path from the spec's root when it lives elsewhere. */
  readonly key: string;
  readonly why: string;
}

/** By location (`''` for the top level, `users[]` for any user) and key. */
const HINTS: Readonly<Record<string, Readonly<Record<string, KeyHint>>>> = {
  '': {
    ssh_authorized_keys: {
      key: 'ssh.authorized_keys',
      why: "top-level keys are the image's default user's; for a user of the spec use users[].ssh_authorized_keys",
    },
    ssh_pwauth: { key: 'ssh.password_auth', why: 'the spec groups the SSH settings under ssh' },
    disable_root: { key: 'ssh.disable_root', why: 'the spec groups the SSH settings under ssh' },
    ssh_deletekeys: { key: 'ssh.delete_host_keys', why: 'the spec groups the SSH settings under ssh' },
  },
  'users[]': {
    passwd: { key: 'password_hash', why: "cloud-init's passwd holds a crypt hash; give a plain password as password" },
    hashed_passwd: { key: 'password_hash', why: "that is cloud-init's hashed_passwd" },
    plain_text_passwd: { key: 'password', why: 'password takes the plain password and is hashed at build time, never written in clear' },
  },
};

/** `users[0].ssh` -> `users[].ssh`: the location of a path, whatever the list indexes. */
function locationOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** The message for an unknown `key` under `parentPath` that is a known cloud-config key, if it is one. */
export function cloudConfigKeyHint(parentPath: string, key: string): string | undefined {
  const hint = HINTS[locationOf(parentPath)]?.[key];
  return hint && `unknown key (did you mean '${hint.key}'? ${hint.why})`;
}
