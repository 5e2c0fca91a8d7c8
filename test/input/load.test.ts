import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSpecText } from '../../src/input/load.js';

const modeOf = (literal: string): unknown =>
  (parseSpecText(`hostname: a\nwrite_files:\n  - path: /f\n    permissions: ${literal}\n`, 'spec.yaml') as { write_files: { permissions: unknown }[] })
    .write_files[0]!.permissions;

test('an unquoted 0-prefixed mode is kept as the mode written, as cloud-init (YAML 1.1) means it', () => {
  assert.equal(modeOf('0644'), '0644');
  assert.equal(modeOf('0755'), '0755');
  assert.equal(modeOf('01777'), '01777');
});

test('other unquoted numbers stay numbers, for validation to refuse with the quoted fix', () => {
  assert.equal(modeOf('644'), 644);
  assert.equal(modeOf('420'), 420);
  assert.equal(modeOf('0x1a4'), 0x1a4);
  assert.equal(modeOf('06_44'), 0o644);
  assert.equal(modeOf('"0600"'), '0600');
});

test('only write_files modes are kept as text; elsewhere 0644 is the YAML 1.1 integer', () => {
  const spec = parseSpecText('hostname: a\nuser_data:\n  cloud_config:\n    write_files: [{path: /f, permissions: 0644}]\n', 'spec.yaml') as {
    user_data: { cloud_config: { write_files: { permissions: unknown }[] } };
  };
  // cloud-init reads this integer as mode 0644 itself.
  assert.equal(spec.user_data.cloud_config.write_files[0]!.permissions, 0o644);
});
