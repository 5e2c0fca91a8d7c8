import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namePublicKeys } from '../../../src/render/openstack/public-keys.js';

const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMFcLQa5LtljAU6hzHLRucNvrq2+nO1ZUSgbxus8oGZO';
const ECDSA =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBM0SoXy3Phx2rjZsKt4iU8yOvsboppObfl0t8XDNwHY7Cb/5GESQDJrZ0pZKM3QEXOQrGi5aW1ruLzvDPF0q9Ho=';

test('a key is named by its comment, else by its position from 1', () => {
  assert.deepEqual(namePublicKeys([`${ED25519} admin@laptop`, ECDSA]), [
    { name: 'admin@laptop', key: `${ED25519} admin@laptop` },
    { name: 'key-2', key: ECDSA },
  ]);
});

test('comments with spaces, options prefixes and sk- keys', () => {
  const withOptions = `from="10.0.0.0/8,192.0.2.1",no-pty ${ED25519} Jane Doe's key`;
  const sk = 'sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fAAAABHNzaDo= yubikey';
  assert.deepEqual(namePublicKeys([withOptions, sk]).map((k) => k.name), ["Jane Doe's key", 'yubikey']);
});

test('names are unique and stable: a name already taken gets -2, -3...', () => {
  const keys = [`${ED25519} ops`, `${ECDSA} ops`, `${ED25519} ops`, ED25519, `${ECDSA} key-4`];
  const names = namePublicKeys(keys).map((k) => k.name);
  assert.deepEqual(names, ['ops', 'ops-2', 'ops-3', 'key-4', 'key-4-2']);
  assert.deepEqual(namePublicKeys(keys), namePublicKeys([...keys]));
});
