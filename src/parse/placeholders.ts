/**
 * Values the templates ship for the user to replace: a placeholder SSH key, the example hash of
 * a published password and the example Windows admin password. A seed built with any of them lets
 * in nobody, or everybody who has read the template, so building one is refused unless asked for (allowPlaceholders, --allow-placeholders).
 * Detected by value, not by file, so a spec copied from a template is caught too.
 */
import type { Issue } from '../errors.js';
import { isUserSpec, type Spec } from '../input/types.js';
import { isPlaceholderKey, PLACEHOLDER_KEY_MARKER } from '../common/placeholder-key.js';

/** Hashes published in the templates, of a password their comments name (so anyone can log in). */
const EXAMPLE_HASHES: ReadonlySet<string> = new Set([
  '$6$cloudseedtmpl01$Przku.GxFP/ydw3Qj2oyzt2QdSKXp9V5/VJ9f3R9GcdrBqUKLltWiOKLum94B04msKoPC.UXsjpuTzI03bce2.',
]);

/** Clear-text Windows admin passwords printed in the templates (windows.admin_pass). */
const EXAMPLE_ADMIN_PASSWORDS: ReadonlySet<string> = new Set(['Replace-Me-2024!']);

const ALLOW = 'or build with --allow-placeholders to accept it';

function checkKeys(keys: readonly string[] | undefined, path: string): Issue[] {
  return (keys ?? []).flatMap((line, i) =>
    isPlaceholderKey(line)
      ? [{ path: `${path}[${i}]`, message: `is the templates' placeholder key (${PLACEHOLDER_KEY_MARKER}), which nobody can log in with: replace it with your public key (e.g. the line of ~/.ssh/id_ed25519.pub), or give yours with --ssh-key, which replaces it; ${ALLOW}` }]
      : [],
  );
}

export function checkPlaceholders(spec: Spec): Issue[] {
  const issues: Issue[] = [];
  spec.users?.forEach((user, i) => {
    if (!isUserSpec(user)) return;
    if (user.password_hash !== undefined && EXAMPLE_HASHES.has(user.password_hash)) {
      issues.push({
        path: `users[${i}].password_hash`,
        message: `is the templates' example hash, of a password printed in the template for anyone to read: replace it with a hash of your own (mkpasswd -m sha-512, or openssl passwd -6), or build with --user ${user.name} --password-prompt, which asks for a password and replaces it; ${ALLOW}`,
      });
    }
    issues.push(...checkKeys(user.ssh_authorized_keys, `users[${i}].ssh_authorized_keys`));
  });
  issues.push(...checkKeys(spec.ssh?.authorized_keys, 'ssh.authorized_keys'));
  if (spec.windows?.admin_pass !== undefined && EXAMPLE_ADMIN_PASSWORDS.has(spec.windows.admin_pass)) {
    // The message never repeats the value: it names the key, which is enough to find it.
    issues.push({
      path: 'windows.admin_pass',
      message: `is the templates' example password, printed in the template for anyone to read: replace it in the spec with a password of your own (Windows' default policy wants 8 or more characters from 3 classes); ${ALLOW}`,
    });
  }
  return issues;
}
