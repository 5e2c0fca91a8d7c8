import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha512Crypt } from '../../src/parse/sha512-crypt.js';
import { checkCryptHash, looksLikeCryptHash } from '../../src/parse/crypt-hash.js';
import { runTool } from '../helpers/tools.js';

const PASSWORD = 'pässwörd 1';

/** The system's crypt(3) (libxcrypt on Debian) through perl: what login would compute. */
function systemCrypt(password: string, setting: string): string {
  return runTool('perl', ['-e', 'my $r = crypt($ARGV[0], $ARGV[1]); print defined $r ? $r : "*"', password, setting]).stdout;
}

/** Whether the installed cloud-init takes each value for a hash: its own regex from cc_set_passwords. */
function cloudInitTakesAsHash(values: readonly string[]): boolean[] {
  const script = [
    'import inspect, json, re, sys',
    'from cloudinit.config import cc_set_passwords',
    'pattern = re.search(r\'prog = re\\.compile\\(r"(.*)"\\)\', inspect.getsource(cc_set_passwords)).group(1)',
    'prog = re.compile(pattern)',
    'print(json.dumps([prog.match(v) is not None and ":" not in v for v in json.load(sys.stdin)]))',
  ].join('\n');
  return JSON.parse(runTool('/usr/bin/python3', ['-c', script], { input: JSON.stringify(values) }).stdout) as boolean[];
}

function mkpasswd(...args: string[]): string {
  return runTool('mkpasswd', [...args, '--stdin'], { input: PASSWORD }).stdout.trim();
}

function openssl(...args: string[]): string {
  return runTool('openssl', ['passwd', ...args, PASSWORD]).stdout.trim();
}

test('hashes of every recognised scheme pass, and cloud-init and crypt(3) agree they are hashes', () => {
  const valid = [
    mkpasswd('-m', 'sha-512'),
    mkpasswd('-m', 'sha-512', '-R', '1000'),
    mkpasswd('-m', 'sha-512', '-R', '54321'),
    openssl('-6'),
    openssl('-6', '-salt', 'a'),
    sha512Crypt(PASSWORD, 'abcdefghijklmnop', 7777),
    mkpasswd('-m', 'sha256crypt'),
    mkpasswd('-m', 'sha256crypt', '-R', '20000'),
    openssl('-5'),
    mkpasswd('-m', 'md5crypt'),
    openssl('-1'),
    openssl('-1', '-salt', 'x'),
    mkpasswd('-m', 'bcrypt-a'),
    mkpasswd('-m', 'bcrypt-a', '-R', '5'),
    mkpasswd('-m', 'bcrypt').replace(/^\$2b\$/, '$2y$'),
  ];
  assert.deepEqual(cloudInitTakesAsHash(valid), valid.map(() => true));
  for (const hash of valid) {
    assert.equal(checkCryptHash(hash), undefined, hash);
    assert.equal(systemCrypt(PASSWORD, hash), hash, `crypt(3) verifies ${hash}`);
  }
});

test('the check accepts the last characters crypt writes, over many random salts', () => {
  const passwords = Array.from({ length: 100 }, (_, i) => `password ${i}`).join('\n');
  for (const scheme of ['-6', '-5', '-1']) {
    const hashes = runTool('openssl', ['passwd', scheme, '-stdin'], { input: passwords }).stdout.trim().split('\n');
    assert.equal(hashes.length, 100);
    for (const hash of hashes) assert.equal(checkCryptHash(hash), undefined, hash);
  }
  for (let i = 0; i < 10; i++) {
    const hash = mkpasswd('-m', 'bcrypt-a', '-R', '5');
    assert.equal(checkCryptHash(hash), undefined, hash);
  }
});

test('yescrypt is refused with the reason and what to do', () => {
  const hash = mkpasswd('-m', 'yescrypt');
  assert.equal(systemCrypt(PASSWORD, hash), hash, 'the OS itself accepts yescrypt');
  assert.deepEqual(cloudInitTakesAsHash([hash]), [false]);
  const message = checkCryptHash(hash)!;
  assert.match(message, /yescrypt/);
  assert.match(message, /literal password/);
  assert.match(message, /mkpasswd -m sha-512/);
});

test('$2b$ bcrypt is refused, with $2y$ offered as the same algorithm', () => {
  const hash = mkpasswd('-m', 'bcrypt');
  assert.match(hash, /^\$2b\$/);
  assert.deepEqual(cloudInitTakesAsHash([hash]), [false]);
  assert.match(checkCryptHash(hash)!, /\$2b\$ prefix.*literal password.*change the prefix to \$2y\$/);
  const renamed = hash.replace(/^\$2b\$/, '$2y$');
  assert.equal(systemCrypt(PASSWORD, renamed), renamed);
});

test('hashes crypt(3) can never match are refused, saying which part is wrong', () => {
  const sha512 = mkpasswd('-m', 'sha-512', '-S', 'saltsaltsalt');
  const digest = sha512.split('$')[3]!;
  const bcrypt = mkpasswd('-m', 'bcrypt-a', '-R', '5');
  const cases: ReadonlyArray<readonly [string, RegExp]> = [
    [sha512.slice(0, -1), /^has a 85-character hash part; SHA-512 crypt uses 86/],
    [`${sha512}A`, /^has a 87-character hash part/],
    [`${sha512.slice(0, -1)}z`, /^has a hash part whose last character SHA-512 crypt never writes/],
    [`$6$abcdefghijklmnopq$${digest}`, /^has a 17-character salt; SHA-512 crypt uses 1 to 16/],
    [`$6$$${digest}`, /^has an empty salt/],
    [`$6$sa_lt$${digest}`, /^has '_' in its salt/],
    [`$6$rounds=999$saltsaltsalt$${digest}`, /^has rounds=999; rounds must be a whole number from 1000 to 999999999/],
    [`$6$rounds=01000$saltsaltsalt$${digest}`, /^has rounds=01000;.*without leading zeros/],
    [`$6$rounds=1000000000$saltsaltsalt$${digest}`, /^has rounds=1000000000;/],
    ['$6$saltsalt', /^is not a complete SHA-512 crypt hash \(expected \$6\$\[rounds=N\$\]salt\$hash\)/],
    [`${sha512}$extra`, /^is not a complete SHA-512 crypt hash/],
    [`$5$saltsalt$${digest.slice(0, 42)}`, /^has a 42-character hash part; SHA-256 crypt uses 43/],
    [`$1$abcdefghi$${digest.slice(0, 22)}`, /^has a 9-character salt; MD5 crypt uses 1 to 8/],
    [`$1$rounds=1000$abc$${digest.slice(0, 22)}`, /^is not a complete MD5 crypt hash \(expected \$1\$salt\$hash\)/],
    [bcrypt.slice(0, -1), /^has 52 characters after the cost; bcrypt writes 53/],
    [bcrypt.replace(/^(\$2a\$\d\d\$.{21})./, '$1f'), /^has a salt whose last character bcrypt never writes/],
    [bcrypt.replace(/.$/, 'z'), /^has a hash part whose last character bcrypt never writes/],
    [bcrypt.replace(/^\$2a\$\d\d/, '$2a$4'), /^has cost '4'; bcrypt costs are two digits from 04 to 31/],
    [bcrypt.replace(/^\$2a\$\d\d/, '$2a$32'), /^has cost '32'/],
    [bcrypt.replace(/.$/, '_'), /^has '_' after the cost/],
  ];
  for (const [value, expected] of cases) {
    assert.match(checkCryptHash(value) ?? 'accepted', expected, value);
    assert.notEqual(systemCrypt(PASSWORD, value), value, `crypt(3) cannot match ${value}`);
  }
});

test('plain text is refused with a pointer to `password`, and never echoed', () => {
  for (const value of ['hunter2', 'correct horse battery staple', 'Tr0ub4dor&3', 'x'.repeat(500)]) {
    const message = checkCryptHash(value)!;
    assert.ok(message !== undefined, value);
    assert.ok(!message.includes(value.split(' ')[0]!), message);
  }
  assert.match(checkCryptHash('hunter2')!, /^is not a crypt hash.*give it as `password` instead/);
  assert.match(checkCryptHash('Tr0ub4dor&3')!, /give it as `password`/);
});

test('other malformed values get a specific message', () => {
  const cases: ReadonlyArray<readonly [string, RegExp]> = [
    ['', /^is empty; use a SHA-512 crypt hash/],
    ['$6$salt$abc\n', /^contains a newline/],
    [' $6$salt$abc', /^contains whitespace/],
    ['$6$salt$ab:c', /^contains ':'/],
    ['$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA', /^is an Argon2 hash, but cloud-init takes only/],
    ['$7$CU..../....abc$def', /^is a scrypt hash/],
    ['$gy$j9T$salt$hash', /^is a GOST yescrypt hash/],
    ['$secret$word', /^starts with an unknown hash scheme/],
  ];
  for (const [value, expected] of cases) assert.match(checkCryptHash(value) ?? 'accepted', expected, JSON.stringify(value));
  assert.ok(!checkCryptHash('$secret$word')!.includes('secret'));
});

test('looksLikeCryptHash: crypt hashes of any scheme, not passwords that merely hold $ signs', () => {
  for (const hash of [
    '$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.',
    '$6$rounds=10000$abcdefgh$x',
    '$5$abcdefgh$gruCpC7VkOTspMQTTSAR8mtlO9Upms.fwqE5y16JVM.',
    '$1$abcd$Oy8OD9LGKv7H9yIMreLNV1',
    '$2y$05$qYpfKQM0lYmcLPPO5zYqHOhx7ILcfUlh2KXDDnUrDpgLojdvTATNW',
    '$2b$05$qYpfKQM0lYmcLPPO5zYqHOhx7ILcfUlh2KXDDnUrDpgLojdvTATNW',
    '$y$j9T$pnZF7bOVcUl.81IPK5e1v.$0zED.qQ70GSAoIfENOEr648GebwCc0uMd9pmMrjLz89',
    '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaA',
    ' $6$salt$hash\n',
  ]) {
    assert.equal(looksLikeCryptHash(hash), true, hash);
  }
  for (const password of ['pa$$word', '$ecret$', '$6$', '$6$only-salt', 'correct horse $6$ battery', '$6 $a$b', '$$$']) {
    assert.equal(looksLikeCryptHash(password), false, password);
  }
});
