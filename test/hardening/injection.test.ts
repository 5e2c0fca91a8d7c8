/**
 * Values that look like structure stay data. Multi-line fields (runcmd, write_files content,
 * gecos-like free text, config-drive meta) go through the YAML/JSON emitters, so PyYAML (what
 * cloud-init parses with) and JSON read back exactly the value given, with no key added; a part
 * that carries its own MIME boundaries and headers stays one part for Python's email parser
 * (what cloud-init splits user-data with). One-line fields are refused instead: see the corpus.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSeed } from '../../src/seed.js';
import { loadWithPyYaml } from '../helpers/images.js';
import { runTool } from '../helpers/tools.js';

const YAML_INJECTION = 'echo hi\nruncmd: [reboot]\ninjected_key: 1\n- [rm, -rf, /]';
const text = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString('utf8');

test('a newline in runcmd, write_files content and gecos stays inside the string', async () => {
  const seed = await renderSeed({
    hostname: 'a',
    users: [{ name: 'bob', gecos: 'Bob "the builder" # not a comment, {x} [y] &z *w' }],
    runcmd: [YAML_INJECTION, ['sh', '-c', YAML_INJECTION]],
    write_files: [{ path: '/etc/motd', content: `${YAML_INJECTION}\n---\nsecond: document\n` }],
  });
  const userData = loadWithPyYaml(text(seed.files.get('user-data'))) as Record<string, unknown> & {
    runcmd: unknown[];
    write_files: { content: string }[];
    users: { gecos?: string }[];
  };
  assert.deepEqual(userData.runcmd, [YAML_INJECTION, ['sh', '-c', YAML_INJECTION]]);
  assert.equal(userData.write_files[0]!.content, `${YAML_INJECTION}\n---\nsecond: document\n`);
  assert.equal(userData.users.find((user) => user.gecos !== undefined)?.gecos, 'Bob "the builder" # not a comment, {x} [y] &z *w');
  assert.equal('injected_key' in userData, false);
  assert.equal('second' in userData, false);
});

test('config-drive meta values with newlines and quotes stay JSON strings', async () => {
  const value = 'x"\n}, "admin_pass": "owned';
  const seed = await renderSeed({ hostname: 'a', datasource: 'configdrive', meta: { role: value } });
  const metaData = JSON.parse(text(seed.files.get('openstack/latest/meta_data.json'))) as Record<string, unknown>;
  assert.deepEqual(metaData['meta'], { role: value });
  assert.equal('admin_pass' in metaData, false);
});

/** Splits user-data as cloud-init does (email.message_from_string) and returns each leaf part. */
function splitMime(userData: string): { type: string; filename: string | null; payload: string }[] {
  const script = [
    'import sys, json, email',
    'message = email.message_from_string(sys.stdin.read())',
    'parts = [p for p in message.walk() if not p.is_multipart()]',
    'print(json.dumps([{"type": p.get_content_type(), "filename": p.get_filename(),',
    '  "payload": p.get_payload(decode=True).decode("utf-8")} for p in parts]))',
  ].join('\n');
  return JSON.parse(runTool('/usr/bin/python3', ['-c', script], { input: userData }).stdout);
}

test('a part carrying its own MIME boundaries and headers stays one part', async () => {
  const forged = [
    '#!/bin/sh',
    'echo start',
    '--fake-boundary',
    'Content-Type: text/cloud-config',
    '',
    '#cloud-config',
    'runcmd: [reboot]',
    '--fake-boundary--',
    'Content-Type: multipart/mixed; boundary="x"',
    '--x',
    '',
  ].join('\n');
  const binary = `#!/bin/sh\n# caf\u00e9 \u2603\n--fake-boundary\n`;
  const seed = await renderSeed({
    hostname: 'a',
    user_data: { parts: [{ content: forged, filename: 'forged.sh' }, { content: binary, filename: 'utf8.sh' }] },
  });
  const parts = splitMime(text(seed.files.get('user-data')));
  assert.deepEqual(
    parts.map((part) => [part.type, part.filename]),
    [['text/cloud-config', 'cloud-config.yaml'], ['text/x-shellscript', 'forged.sh'], ['text/x-shellscript', 'utf8.sh']],
  );
  assert.equal(parts[1]!.payload, forged);
  assert.equal(parts[2]!.payload, binary);
});
