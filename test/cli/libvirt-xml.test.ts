/**
 * `cloudseed libvirt-xml IMAGE`: the <disk> element, judged by libxml2 (xmllint) and by libvirt's
 * own domain schema (virt-xml-validate) once placed in a minimal domain.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { runTool, withTempDir } from '../helpers/tools.js';
import { buildSeed } from '../../src/seed.js';

const SPEC = { hostname: 'vm01' };

async function writeSeed(path: string, filesystem: 'iso9660' | 'vfat'): Promise<void> {
  writeFileSync(path, (await buildSeed(SPEC, { filesystem })).image);
}

/** xmllint prints the value with a newline of its own. */
const xpath = (file: string, expression: string): string => runTool('xmllint', ['--xpath', expression, file]).stdout.replace(/\n$/, '');

/** libvirt's RNG schema for whole domains: the element is valid where virsh edit would put it. */
function validateInDomain(dir: string, disk: string): void {
  const domain = join(dir, 'domain.xml');
  writeFileSync(
    domain,
    `<domain type='kvm'>\n  <name>vm01</name>\n  <memory unit='MiB'>512</memory>\n  <os><type arch='x86_64'>hvm</type></os>\n  <devices>\n${disk}\n  </devices>\n</domain>\n`,
  );
  runTool('virt-xml-validate', [domain, 'domain']);
}

test('an iso9660 seed is a read-only SATA CD-ROM sdb with the absolute path', async () => {
  await withTempDir(async (dir) => {
    await writeSeed(join(dir, 'seed.iso'), 'iso9660');
    const result = await runCli(['libvirt-xml', 'seed.iso'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const file = join(dir, 'disk.xml');
    writeFileSync(file, result.stdout);
    assert.equal(xpath(file, 'string(/disk/@device)'), 'cdrom');
    assert.equal(xpath(file, 'string(/disk/source/@file)'), join(dir, 'seed.iso'));
    assert.equal(xpath(file, 'string(/disk/target/@dev)'), 'sdb');
    assert.equal(xpath(file, 'string(/disk/target/@bus)'), 'sata');
    assert.equal(xpath(file, 'string(/disk/driver/@type)'), 'raw');
    assert.equal(xpath(file, 'count(/disk/readonly)'), '1');
    validateInDomain(dir, result.stdout.toString());
  });
});

test('a vfat seed is a read-only virtio disk vdb', async () => {
  await withTempDir(async (dir) => {
    await writeSeed(join(dir, 'seed.img'), 'vfat');
    const result = await runCli(['libvirt-xml', join(dir, 'seed.img'), '--json']);
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stdout.toString()) as { filesystem: string; device: string; bus: string; target: string; xml: string };
    assert.deepEqual([summary.filesystem, summary.device, summary.bus, summary.target], ['vfat', 'disk', 'virtio', 'vdb']);
    validateInDomain(dir, summary.xml);
  });
});

test('--bus and --target are used, and a path with XML metacharacters is escaped', async () => {
  await withTempDir(async (dir) => {
    const image = join(dir, `a&b <"it's"> seed.iso`);
    await writeSeed(image, 'iso9660');
    const result = await runCli(['libvirt-xml', image, '--bus', 'ide', '--target', 'hdc']);
    assert.equal(result.status, 0, result.stderr);
    const file = join(dir, 'disk.xml');
    writeFileSync(file, result.stdout);
    assert.equal(xpath(file, 'string(/disk/source/@file)'), image);
    assert.equal(xpath(file, 'string(/disk/target/@bus)'), 'ide');
    assert.equal(xpath(file, 'string(/disk/target/@dev)'), 'hdc');
    validateInDomain(dir, result.stdout.toString());
    const badBus = await runCli(['libvirt-xml', image, '--bus', 'floppy']);
    assert.equal(badBus.status, 2);
  });
});

test('a file that is no seed image, or no file at all, is an I/O error', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    const notImage = await runCli(['libvirt-xml', join(dir, 'notes.txt')]);
    assert.equal(notImage.status, 3);
    assert.match(notImage.stderr, /not an iso9660 or FAT image/);
    const missing = await runCli(['libvirt-xml', join(dir, 'missing.iso')]);
    assert.equal(missing.status, 3);
    assert.match(missing.stderr, /no such file/);
  });
});
