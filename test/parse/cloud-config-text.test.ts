/**
 * Cloud-config passed to cloud-init as text (user_data.parts content and source files, MIME files
 * among them, vendor_data as a string) is refused by path when PyYAML would refuse or misread it,
 * when a BOM hides its `#cloud-config` marker from cloud-init, and when it carries a clear-text
 * password; messages never repeat the password. What cloud-init itself makes of such texts is
 * checked against the host's cloud-init at the end.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { validateSpec } from '../../src/seed.js';

const SECRET = 'Hunter2-clear';
const BOM = '\ufeff';
const dir = mkdtempSync(join(tmpdir(), 'cloud-config-text-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function issuesOf(spec: Record<string, unknown>): Promise<{ path: string; message: string }[]> {
  const { issues } = await validateSpec({ hostname: 'a', ...spec }, { baseDir: dir });
  for (const issue of issues) assert.ok(!issue.message.includes(SECRET), `the message repeats the password: ${issue.message}`);
  return [...issues];
}

function mime(...parts: readonly string[]): string {
  const body = parts.map((part) => `--XX\nContent-Type: text/cloud-config\nMIME-Version: 1.0\n\n${part}\n`).join('');
  return `Content-Type: multipart/mixed; boundary="XX"\nMIME-Version: 1.0\n\n${body}--XX--\n`;
}

test('text PyYAML refuses or reads as a line break is refused in parts, source files and vendor_data', async () => {
  writeFileSync(join(dir, 'extra.yaml'), '#cloud-config\nruncmd: ["a\x7fb"]\n');
  writeFileSync(join(dir, 'extra.mime'), mime('#cloud-config\nruncmd: [ok]', '#cloud-config\nruncmd: ["a\u2028b"]'));
  const issues = await issuesOf({
    user_data: { parts: [{ content: '#cloud-config\nruncmd: ["a\x85b"]\n' }, 'extra.yaml', { source: 'extra.mime' }, { content: '#!/bin/sh\necho "\x7f"\n' }] },
    vendor_data: '#cloud-config\nbootcmd: ["\ufffe"]\n',
  });
  assert.deepEqual(
    issues.map((issue) => issue.path),
    ['vendor_data', 'user_data.parts[0]', 'user_data.parts[1]', 'user_data.parts[2]'],
  );
  assert.match(issues[0]!.message, /U\+FFFE .*PyYAML refuses/);
  assert.match(issues[1]!.message, /U\+0085 .*line break/);
  assert.match(issues[2]!.message, /U\+007F at line 2/);
  assert.match(issues[3]!.message, /^MIME part 2: .*U\+2028/);
});

test('a BOM before #cloud-config is refused where cloud-init infers the type, and ignored where the type is given', async () => {
  writeFileSync(join(dir, 'bom.yaml'), `${BOM}#cloud-config\nruncmd: [ok]\n`);
  const issues = await issuesOf({
    user_data: { parts: ['bom.yaml', { content: `${BOM}#cloud-config\nruncmd: [ok]\n`, type: 'text/cloud-config' }, { content: `${BOM}plain text\n` }] },
    vendor_data: `${BOM}#cloud-config\nruncmd: [ok]\n`,
  });
  assert.deepEqual(
    issues.map((issue) => issue.path),
    ['vendor_data', 'user_data.parts[0]'],
  );
  assert.match(issues[1]!.message, /byte order mark before '#cloud-config'.*ignores the part/);
});

test('clear-text passwords in cloud-config parts and files are refused by path, without the value', async () => {
  writeFileSync(join(dir, 'users.yaml'), `#cloud-config\nusers: [{name: k, plain_text_passwd: ${SECRET}}]\n`);
  writeFileSync(join(dir, 'users.mime'), mime('#cloud-config\nruncmd: [ok]', `#cloud-config\nchpasswd: {users: [{name: a, type: text, password: ${SECRET}}]}`));
  const issues = await issuesOf({
    user_data: {
      parts: [{ content: `#cloud-config\npassword: ${SECRET}\n` }, 'users.yaml', 'users.mime', { content: `password: ${SECRET}\n`, type: 'text/cloud-config' }],
    },
    vendor_data: mime(`#cloud-config\nchpasswd: {list: ["x:${SECRET}"]}`),
  });
  assert.deepEqual(
    issues.map((issue) => issue.path),
    [
      'vendor_data.chpasswd.list[0]',
      'user_data.parts[0].password',
      'user_data.parts[1].users[0].plain_text_passwd',
      'user_data.parts[2].chpasswd.users[0].password',
      'user_data.parts[3].password',
    ],
  );
  assert.match(issues[3]!.message, /^MIME part 2: has type: text/);
  for (const issue of issues) assert.match(issue.message, /users\[\]\.password \(hashed at build time\)/);
});

test('clean parts, scripts and vendor data pass', async () => {
  writeFileSync(join(dir, 'clean.yaml'), '#cloud-config\nruncmd: ["é ✓ \u{1f600}"]\nchpasswd: {list: ["a:RANDOM"]}\n');
  assert.deepEqual(
    await issuesOf({ user_data: { parts: ['clean.yaml', { content: '#!/bin/sh\necho ok\n' }] }, vendor_data: '#cloud-config\nruncmd: [ok]\n' }),
    [],
  );
});

test("cloud-init's own type rules and loader agree with the refusals", () => {
  const script = [
    'import sys, yaml',
    'from cloudinit import handlers, util',
    "print(handlers.type_from_starts_with(util.decode_binary(b'\\xef\\xbb\\xbf#cloud-config\\n')))",
    "print(util.load_yaml('#cloud-config\\nruncmd: [\"a\\x7fb\"]\\n'))",
    "print(yaml.safe_load('#cloud-config\\nruncmd: [\"a\\x85b\"]\\n'))",
  ].join('\n');
  const lines = execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
  // No type for the BOM'd part, nothing loaded from the refused text, and U+0085 read as a line break (a space).
  assert.deepEqual(lines, ['None', 'None', "{'runcmd': ['a b']}"]);
});
