import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createECDH, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSshPublicKey, sshKeyFingerprint } from '../../src/common/ssh-key/parse.js';
import { runTool, withTempDir } from '../helpers/tools.js';

interface Fixture {
  readonly name: string;
  readonly line: string;
  /** `SHA256:...` as printed by `ssh-keygen -lf`. */
  readonly fingerprint: string;
}

/** RFC 4251 5 `string`: uint32 length, then the bytes. */
function sshString(value: string | Uint8Array): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : Buffer.from(value);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function publicLine(type: string, fields: readonly Buffer[], comment: string): string {
  return `${type} ${Buffer.concat([sshString(type), ...fields]).toString('base64')} ${comment}`;
}

/** sk- keys need a FIDO token to generate, so their public halves are built here (PROTOCOL.u2f). */
function makeSecurityKeyLines(): Record<string, string> {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  const ed25519 = Buffer.from(jwk.x!, 'base64url');
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    'sk-ed25519': publicLine('sk-ssh-ed25519@openssh.com', [sshString(ed25519), sshString('ssh:')], 'sk-ed@host'),
    'sk-ecdsa': publicLine(
      'sk-ecdsa-sha2-nistp256@openssh.com',
      [sshString('nistp256'), sshString(ecdh.getPublicKey()), sshString('ssh:')],
      'sk-ec@host',
    ),
  };
}

/** What `ssh-keygen -lf` makes of one line: its `SHA256:...` fingerprint. */
function fingerprintOf(line: string): string {
  return runTool('ssh-keygen', ['-lf', '-'], { input: `${line}\n` }).stdout.split(' ')[1]!;
}

/** Whether ssh-keygen refuses the line as a public key. */
function sshKeygenRefuses(line: string): boolean {
  return runTool('ssh-keygen', ['-lf', '-'], { input: `${line}\n`, allowFailure: true }).status !== 0;
}

/** Real keys and certificates from ssh-keygen, plus hand-built sk- keys that ssh-keygen reads back. */
const fixtures = await withTempDir((dir) => {
  const keygen = (name: string, ...args: string[]): void => {
    runTool('ssh-keygen', ['-q', '-N', '', '-C', `${name}@host`, '-f', join(dir, name), ...args]);
  };
  keygen('ed25519', '-t', 'ed25519');
  keygen('rsa', '-t', 'rsa', '-b', '2048');
  keygen('dsa', '-t', 'dsa');
  for (const bits of ['256', '384', '521']) keygen(`ecdsa${bits}`, '-t', 'ecdsa', '-b', bits);
  keygen('ca', '-t', 'ed25519');
  for (const [name, line] of Object.entries(makeSecurityKeyLines())) writeFileSync(join(dir, `${name}.pub`), `${line}\n`);
  const plain = ['ed25519', 'rsa', 'dsa', 'ecdsa256', 'ecdsa384', 'ecdsa521', 'sk-ed25519', 'sk-ecdsa'];
  for (const name of plain) runTool('ssh-keygen', ['-q', '-s', join(dir, 'ca'), '-I', `id-${name}`, '-n', 'alice', join(dir, `${name}.pub`)]);
  const names = [...plain, ...plain.map((name) => `${name}-cert`)];
  const keys: Fixture[] = names.map((name) => {
    const line = readFileSync(join(dir, `${name}.pub`), 'utf8').trim();
    return { name, line, fingerprint: fingerprintOf(line) };
  });
  keygen('rsa-pem', '-t', 'rsa', '-b', '1024', '-m', 'PEM');
  return {
    keys,
    openSshPrivate: readFileSync(join(dir, 'ed25519'), 'utf8'),
    pemPrivate: readFileSync(join(dir, 'rsa-pem'), 'utf8'),
    rfc4716: runTool('ssh-keygen', ['-e', '-f', join(dir, 'ed25519.pub')]).stdout,
    pemPublic: runTool('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', join(dir, 'rsa.pub')]).stdout,
  };
});

function key(name: string): Fixture {
  return fixtures.keys.find((fixture) => fixture.name === name)!;
}

function parsedOrThrow(line: string) {
  const parsed = parseSshPublicKey(line);
  if (!parsed.ok) throw new Error(`${line.slice(0, 60)}: ${parsed.message}`);
  return parsed.key;
}

function messageOf(line: string): string {
  const parsed = parseSshPublicKey(line);
  return parsed.ok ? 'accepted' : parsed.message;
}

test('every ssh-keygen key, certificate and sk- key parses, with the fingerprint ssh-keygen -lf prints', () => {
  assert.equal(fixtures.keys.length, 16);
  for (const fixture of fixtures.keys) {
    const [type, data, comment] = fixture.line.split(' ');
    const parsed = parsedOrThrow(fixture.line);
    assert.equal(parsed.type, type, fixture.name);
    assert.deepEqual(Buffer.from(parsed.blob), Buffer.from(data!, 'base64'), fixture.name);
    assert.equal(parsed.comment, comment, fixture.name);
    assert.equal(parsed.options, undefined);
    assert.equal(sshKeyFingerprint(parsed), fixture.fingerprint, fixture.name);
  }
});

test('surrounding whitespace, a final newline, tabs and comments with spaces are accepted', () => {
  const [type, data] = key('ed25519').line.split(' ');
  const parsed = parsedOrThrow(`  ${type}\t${data}   my laptop key (2024)  \n`);
  assert.equal(parsed.comment, 'my laptop key (2024)');
  assert.equal(parsedOrThrow(`${type} ${data}`).comment, undefined);
});

test('a comment holding U+2028 or U+2029 parses (they are not line breaks to sshd)', () => {
  const [type, data] = key('ed25519').line.split(' ');
  for (const separator of ['\u2028', '\u2029', '\x85']) {
    assert.equal(parsedOrThrow(`${type} ${data} a${separator}b`).comment, `a${separator}b`);
  }
});

test('options prefixes are split where sshd splits them and checked as sshd checks them', () => {
  const accepted = [
    'from="10.0.0.0/8",no-pty',
    'restrict,command="echo \\"x y\\""',
    'command="a, b",environment="A=b c"',
    'NO-PTY,No-Agent-Forwarding',
    'expiry-time="20300101",permitopen="host:22",permitlisten="8080"',
    'restrict,pty,port-forwarding',
    'cert-authority,principals="alice,bob"',
    'tunnel="0",no-touch-required,verify-required,no-user-rc,no-x11-forwarding',
  ];
  const ed25519 = key('ed25519');
  for (const options of accepted) {
    const parsed = parsedOrThrow(`${options} ${ed25519.line}`);
    assert.equal(parsed.options, options);
    assert.equal(parsed.type, 'ssh-ed25519');
    assert.equal(parsed.comment, 'ed25519@host');
    // ssh-keygen skips the options the same way (sshkey_advance_past_options) and reads the same key.
    assert.equal(fingerprintOf(`${options} ${ed25519.line}`), ed25519.fingerprint, options);
  }
  assert.equal(parsedOrThrow(`restrict ${key('rsa-cert').line}`).type, 'ssh-rsa-cert-v01@openssh.com');
});

test('bad options get a message naming the option', () => {
  const line = key('ed25519').line;
  const cases: ReadonlyArray<readonly [string, RegExp]> = [
    ['no-ptty', /^has the unknown option 'no-ptty' \(did you mean 'no-pty'\?\); sshd ignores a key with an unknown option$/],
    ['restrict,frobnicate', /^has the unknown option 'frobnicate';/],
    ['command=echo', /^option 'command' needs a value in double quotes, e.g. command="\.\.\."$/],
    ['from', /^option 'from' needs a value in double quotes/],
    ['pty="yes"', /^option 'pty' takes no value$/],
    ['command="a",command="b"', /^has option 'command' twice; sshd allows it once$/],
    ['no-pty,', /^ends its options with ','$/],
    ['no-pty,,restrict', /^has ',' where an option name should start$/],
    ['command="x"y', /^has 'y' after option 'command' where ',' or the key should follow$/],
  ];
  for (const [options, expected] of cases) assert.match(messageOf(`${options} ${line}`), expected, options);
  assert.equal(messageOf(`command="echo ${line}`), 'has an option value whose double quote is never closed');
  assert.equal(messageOf('restrict,no-pty'), 'has options but no key after them');
});

test('private keys are refused without repeating any of their content', () => {
  const body = fixtures.openSshPrivate.split('\n').filter((l) => !l.startsWith('-----')).join('');
  const putty = 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5\n';
  for (const text of [fixtures.openSshPrivate, fixtures.pemPrivate, putty, body, `ssh-ed25519 ${body}`]) {
    const message = messageOf(text);
    assert.equal(message, 'this is a private key; paste the .pub file instead (and keep the private key out of the image)');
  }
});

test('multi-line public key formats are pointed at ssh-keygen -i', () => {
  assert.match(messageOf(fixtures.rfc4716), /^is an RFC 4716 \(SSH2\) public key; convert it to one line with `ssh-keygen -i -f key.pub`$/);
  assert.match(messageOf(fixtures.pemPublic), /^is a PEM public key; convert it to one line with `ssh-keygen -i -m PKCS8 -f key.pem`$/);
});

test('unknown and missing key types are named without echoing key data', () => {
  const [, data] = key('ed25519').line.split(' ');
  assert.match(messageOf(`ssh-ed2519 ${data}`), /^has the unknown key type 'ssh-ed2519' \(did you mean 'ssh-ed25519'\?\); known types are ssh-ed25519, ssh-rsa,/);
  assert.match(messageOf(`ssh-foo ${data}`), /^has the unknown key type 'ssh-foo'; known types are .* and their -cert-v01@openssh\.com certificates$/);
  assert.equal(messageOf(`${data} me@host`), "starts with the key data; put the key type 'ssh-ed25519' before it");
  assert.equal(messageOf('Hello World'), 'does not start with a key type such as ssh-ed25519');
  assert.equal(messageOf('ssh-ed25519'), "has no key data after 'ssh-ed25519'");
});

test('key data must be strict base64 of a key of the stated type', () => {
  const [type, data, comment] = key('ed25519').line.split(' ') as [string, string, string];
  const rsaData = key('rsa').line.split(' ')[1]!;
  // An ecdsa-sha2-nistp256 blob has 104 bytes, so one '=': the character before it has 2 spare bits.
  const ecData = key('ecdsa256').line.split(' ')[1]!;
  const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const strayBits = `ecdsa-sha2-nistp256 ${ecData.slice(0, -2)}${base64[base64.indexOf(ecData.at(-2)!) | 1]}=`;
  assert.ok(sshKeygenRefuses(strayBits));
  const cases: ReadonlyArray<readonly [string, string | RegExp]> = [
    [`${type} ${data.slice(0, 20)}!${data.slice(21)}`, "the key data contains '!', which is not base64"],
    // The first character outside base64 is named whole, even outside the BMP (two UTF-16 units).
    [`${type} ${data.slice(0, 20)}\u{1F600}${data.slice(21)}`, "the key data contains '\u{1F600}', which is not base64"],
    [`${type} ${data.slice(0, -1)}`, /^the key data is incomplete base64 \(its length is not a multiple of 4/],
    [strayBits, 'the key data is not valid base64 (its last characters are wrong)'],
    [`ssh-rsa ${data} ${comment}`, "the key data is a 'ssh-ed25519' key but the line says 'ssh-rsa'"],
    [`${type} ${rsaData}`, "the key data is a 'ssh-rsa' key but the line says 'ssh-ed25519'"],
    [`ecdsa-sha2-nistp256 ${key('ecdsa384').line.split(' ')[1]}`, /^the key data is a 'ecdsa-sha2-nistp384' key but the line says 'ecdsa-sha2-nistp256'$/],
    [`${type} ${Buffer.from('not a key at all').toString('base64')}`, /^the key data does not start with a key type name/],
  ];
  for (const [line, expected] of cases) {
    if (typeof expected === 'string') assert.equal(messageOf(line), expected, line);
    else assert.match(messageOf(line), expected, line);
  }
});

test('key data cut short or padded is refused, as ssh-keygen refuses it', () => {
  for (const name of ['ed25519', 'rsa', 'ecdsa521', 'sk-ecdsa', 'ed25519-cert']) {
    const [type, data] = key(name).line.split(' ') as [string, string];
    const blob = Buffer.from(data, 'base64');
    const cut = `${type} ${blob.subarray(0, blob.length - 3).toString('base64')}`;
    assert.match(messageOf(cut), /^the key data is cut short \(it ends (in|before) the .*was the line cut when copying\?\)$/, name);
    const padded = `${type} ${Buffer.concat([blob, Buffer.alloc(3)]).toString('base64')}`;
    assert.equal(messageOf(padded), 'the key data has 3 unexpected bytes after the key', name);
    assert.ok(sshKeygenRefuses(cut) && sshKeygenRefuses(padded), name);
  }
});

test('keys OpenSSH rejects for their content are refused', () => {
  const modulus = Buffer.concat([Buffer.from([0x00, 0xc0]), randomBytes(95)]); // 768 bits
  const smallRsa = publicLine('ssh-rsa', [sshString(Buffer.from([1, 0, 1])), sshString(modulus)], 'small');
  assert.equal(messageOf(smallRsa), 'is a 768-bit RSA key; OpenSSH refuses RSA keys under 1024 bits');
  assert.ok(sshKeygenRefuses(smallRsa));
  const shortEd25519 = publicLine('ssh-ed25519', [sshString(randomBytes(31))], 'short');
  assert.equal(messageOf(shortEd25519), "the key's public key has 31 bytes instead of 32");
  const compressed = publicLine('ecdsa-sha2-nistp256', [sshString('nistp256'), sshString(Buffer.concat([Buffer.from([2]), randomBytes(64)]))], 'x');
  assert.equal(messageOf(compressed), "the key's public point is not in the uncompressed form OpenSSH reads");
  const wrongCurve = publicLine('ecdsa-sha2-nistp256', [sshString('nistp384'), sshString(randomBytes(65))], 'x');
  assert.equal(messageOf(wrongCurve), "the key's curve name is 'nistp384' instead of 'nistp256'");
});

test('newlines, blank input and comment lines get their own message', () => {
  const line = key('ed25519').line;
  assert.equal(messageOf(`${line.slice(0, 40)}\n${line.slice(40)}`), 'is broken across 2 lines; a public key is a single line (was it wrapped when copying?)');
  assert.equal(messageOf(`${line}\n${key('rsa').line}\n`), 'holds 2 keys on separate lines; give each key as its own entry');
  assert.equal(messageOf(''), 'is empty');
  assert.equal(messageOf(' \t\n'), 'is empty');
  assert.equal(messageOf(`# ${line}`), "is a comment (starts with '#'), not a key");
});

test('sshKeyFingerprint refuses a key that is not valid', () => {
  assert.throws(() => sshKeyFingerprint({ type: 'ssh-ed25519', blob: new Uint8Array(8) }), RangeError);
});
