/**
 * The templates' placeholder SSH key, recognised by its comment marker or by its key blob (so a
 * key whose comment was edited away is still caught). Here rather than in parse/ because the
 * flag overlay (overlay/) drops it when the user gives keys of their own, and parse refuses it.
 */

/** The marker in the templates' placeholder key comment. */
export const PLACEHOLDER_KEY_MARKER = 'REPLACE-WITH-YOUR-KEY';
const PLACEHOLDER_KEY_BLOB = 'AAAAC3NzaC1lZDI1NTE5AAAAINHOWyAOuUICBE1TQgYM0xhJFwEw5Sf4wQ/DLitKan+h';

export function isPlaceholderKey(line: string): boolean {
  // Split into fields only when the blob occurs at all: almost no line holds it.
  return line.includes(PLACEHOLDER_KEY_MARKER) || (line.includes(PLACEHOLDER_KEY_BLOB) && line.split(/\s+/).includes(PLACEHOLDER_KEY_BLOB));
}
