/** write_files entries as the spec asks for them, against the reporter's view of those paths. */
import assert from 'node:assert/strict';
import type { WriteFileSpec } from '../../src/input/types.js';
import type { GuestFacts } from './facts.js';

/** The file exists with the spec's content (inline content only), permissions and owner. */
export function assertWrittenFile(facts: GuestFacts, file: WriteFileSpec): void {
  const found = facts.files[file.path];
  assert.ok(found?.exists, `${file.path} was not written (reported: ${Object.keys(facts.files).join(', ')})`);
  if (file.content !== undefined) {
    const content = found.content ?? '';
    assert.ok(file.append ? content.endsWith(file.content) : content === file.content, `${file.path}: content`);
  }
  if (file.permissions !== undefined) assert.equal(found.mode, fourDigitMode(file.permissions), `${file.path}: mode`);
  if (file.owner !== undefined) assertOwner(file.path, file.owner, found.owner, found.group);
}

/** cloud-init takes "0644", "644" or the number 0o644 (YAML 0644 read as octal). */
function fourDigitMode(permissions: string | number): string {
  const value = typeof permissions === 'number' ? permissions : Number.parseInt(permissions, 8);
  return value.toString(8).padStart(4, '0');
}

/** cloud-init's owner is "user" (the group stays root's) or "user:group" (util.extract_usergroup). */
function assertOwner(path: string, expected: string, owner: string | undefined, group: string | undefined): void {
  const [user, expectedGroup] = expected.split(':', 2).map((part) => part.trim());
  assert.equal(owner, user, `${path}: owner`);
  if (expectedGroup) assert.equal(group, expectedGroup, `${path}: group`);
}
