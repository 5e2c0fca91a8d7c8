/** Our iso9660 images as the reference readers see them: xorriso, isoinfo, 7z, blkid. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeIso9660 } from '../../../src/pack/iso9660/index.js';
import { runTool, withTempDir } from '../../helpers/tools.js';
import {
  assertQuietXorriso,
  assertSameTree,
  extractWith7z,
  extractWithXorriso,
  listFolders,
  parseIsoinfoListing,
  parseIsoinfoPathTable,
  writeImageFile,
} from './iso-tools.js';
import { SAMPLE_TREES } from './sample-trees.js';

const EPOCH = 1_700_000_000;
const SECTOR = 2048;

for (const sample of SAMPLE_TREES) {
  test(`iso9660 ${sample.name}: reference readers agree with the input`, async (t) => {
    await withTempDir(async (dir) => {
      const bytes = writeIso9660(sample.tree, { label: sample.label, epoch: EPOCH });
      const image = writeImageFile(dir, 'seed.iso', bytes);
      const expectedPaths = [...listFolders(sample.tree), ...sample.tree.keys()].map((path) => `/${path}`).sort();

      await t.test('xorriso extracts the Rock Ridge tree byte for byte', () => {
        assertSameTree(extractWithXorriso(image, join(dir, 'rr')), sample.tree, 'xorriso (Rock Ridge)');
      });

      await t.test('xorriso extracts the Joliet tree byte for byte', () => {
        assertSameTree(extractWithXorriso(image, join(dir, 'joliet'), 'joliet'), sample.tree, 'xorriso (Joliet)');
      });

      await t.test('the bare ECMA-119 tree holds every file under a level 1 name', () => {
        const plain = extractWithXorriso(image, join(dir, 'plain'), 'ecma119');
        for (const path of plain.keys())
          assert.match(path, /^([A-Z0-9_]{1,8}\/)*[A-Z0-9_]{1,8}(\.[A-Z0-9_]{1,3})?$/, path);
        const contents = (tree: ReadonlyMap<string, Uint8Array>): string[] =>
          [...tree.values()].map((content) => Buffer.from(content).toString('hex')).sort();
        assert.deepEqual(contents(plain), contents(sample.tree));
      });

      await t.test('7z extracts the tree byte for byte', () => {
        assertSameTree(extractWith7z(image, join(dir, '7z')), sample.tree, '7z');
      });

      await t.test('isoinfo -d finds the label, Joliet level 3 and Rock Ridge', () => {
        const { stdout } = runTool('isoinfo', ['-d', '-i', image]);
        assert.match(stdout, new RegExp(`^Volume id: ${sample.label}$`, 'm'));
        assert.match(stdout, /^Logical block size is: 2048$/m);
        assert.match(stdout, new RegExp(`^Volume size is: ${bytes.length / SECTOR}$`, 'm'));
        assert.match(stdout, /^Joliet with UCS level 3 found$/m);
        assert.match(stdout, /^Rock Ridge signatures version 1 found$/m);
      });

      await t.test('isoinfo -R lists the original names, r--r--r-- files and r-xr-xr-x folders', () => {
        const listing = parseIsoinfoListing(runTool('isoinfo', ['-R', '-l', '-i', image]).stdout);
        assert.deepEqual([...listing.keys()].sort(), expectedPaths);
        for (const [path, entry] of listing) {
          const content = sample.tree.get(path.slice(1));
          if (content) {
            assert.equal(entry.mode, '-r--r--r--', path);
            assert.equal(entry.size, content.length, path);
            assert.equal(content.length === 0, entry.extent === 0, `${path}: only empty files have extent 0`);
          } else {
            assert.equal(entry.mode, 'dr-xr-xr-x', path);
          }
        }
      });

      await t.test('isoinfo lists level 1 names in the primary tree', () => {
        const listing = parseIsoinfoListing(runTool('isoinfo', ['-l', '-i', image]).stdout);
        assert.equal(listing.size, expectedPaths.length);
        for (const path of listing.keys())
          assert.match(path, /^(\/[A-Z0-9_]{1,8})*\/([A-Z0-9_]{1,8}|[A-Z0-9_]{1,8}\.[A-Z0-9_]{0,3};1)$/);
      });

      if (sample.asciiNames) {
        await t.test('isoinfo -J lists and extracts the Joliet names', () => {
          const listing = parseIsoinfoListing(runTool('isoinfo', ['-J', '-l', '-i', image]).stdout);
          assert.deepEqual([...listing.keys()].sort(), expectedPaths);
          for (const [path, content] of sample.tree) {
            if (content.some((byte) => byte >= 0x80)) continue; // runTool decodes stdout as UTF-8
            const { stdout } = runTool('isoinfo', ['-i', image, '-J', '-x', `/${path}`]);
            assert.equal(stdout, Buffer.from(content).toString('utf8'), path);
          }
        });
      }

      for (const [flavor, flags] of [
        ['primary', []],
        ['Joliet', ['-J']],
      ] as const) {
        if (flavor === 'Joliet' && !sample.asciiNames) continue;
        await t.test(`isoinfo -p: the ${flavor} path table lists every folder at its extent, parents first`, () => {
          const table = parseIsoinfoPathTable(runTool('isoinfo', ['-p', ...flags, '-i', image]).stdout);
          const listing = parseIsoinfoListing(runTool('isoinfo', [...flags, '-l', '-i', image]).stdout);
          const folders = [...listing].filter(([, entry]) => entry.mode.startsWith('d'));
          assert.equal(table.length, folders.length + 1, 'one entry per folder and the root');
          const paths = ['/'];
          table.forEach((row, index) => {
            assert.ok(row.parent <= Math.max(1, index), `entry ${index + 1}: parent listed first`);
            if (index > 0)
              assert.ok(row.parent >= table[index - 1]!.parent, `entry ${index + 1}: ordered by parent number`);
            if (index === 0) return;
            const path = `${paths[row.parent - 1]}${row.name}`;
            paths.push(`${path}/`);
            assert.equal(listing.get(path)?.extent, row.extent, `${path}: path table and directory record agree`);
          });
        });
      }

      await t.test('the type M path table mirrors type L, big-endian (ECMA-119 9.4)', () => {
        for (const descriptor of [16, 17]) {
          const view = new DataView(bytes.buffer, bytes.byteOffset + descriptor * SECTOR);
          const size = view.getUint32(132, true);
          const l = bytes.subarray(view.getUint32(140, true) * SECTOR, view.getUint32(140, true) * SECTOR + size);
          const m = bytes.subarray(view.getUint32(148, false) * SECTOR, view.getUint32(148, false) * SECTOR + size);
          for (let offset = 0; offset < size;) {
            const entry = new DataView(l.buffer, l.byteOffset + offset);
            const mirror = new DataView(m.buffer, m.byteOffset + offset);
            assert.equal(mirror.getUint32(2, false), entry.getUint32(2, true), `extent at ${offset}`);
            assert.equal(mirror.getUint16(6, false), entry.getUint16(6, true), `parent at ${offset}`);
            const length = l[offset]!;
            assert.deepEqual(m.subarray(offset + 8, offset + 8 + length), l.subarray(offset + 8, offset + 8 + length));
            offset += 8 + length + (length % 2);
          }
        }
      });

      await t.test('blkid sees an iso9660 filesystem with the exact label', () => {
        const { stdout } = runTool('blkid', ['-p', '-o', 'export', image]);
        assert.match(stdout, /^TYPE=iso9660$/m);
        assert.match(stdout, new RegExp(`^LABEL=${sample.label}$`, 'm'));
      });

      await t.test('xorriso -check_media reads every block, and file extents do not overlap', () => {
        const check = runTool('xorriso', ['-indev', image, '-check_media', '--']);
        assertQuietXorriso(check.stderr, 'xorriso -check_media');
        assert.match(
          check.stdout + check.stderr,
          new RegExp(`Media region :\\s+0 ,\\s+${bytes.length / SECTOR} , \\+ good`),
        );
        const report = runTool('xorriso', ['-indev', image, '-find', '/', '-type', 'f', '-exec', 'report_lba', '--']);
        const extents = [
          ...(report.stdout + report.stderr).matchAll(/File data lba:\s+\d+ ,\s+(\d+) ,\s+(\d+) ,\s+(\d+) ,/g),
        ]
          .map((match) => ({ start: Number(match[1]), blocks: Number(match[2]), size: Number(match[3]) }))
          .filter((extent) => extent.size > 0)
          .sort((a, b) => a.start - b.start);
        assert.equal(extents.length, [...sample.tree.values()].filter((content) => content.length > 0).length);
        extents.forEach((extent, index) => {
          assert.equal(extent.blocks, Math.ceil(extent.size / SECTOR));
          const next = extents[index + 1];
          if (next)
            assert.ok(extent.start + extent.blocks <= next.start, `extent at ${extent.start} overlaps ${next.start}`);
          assert.ok((extent.start + extent.blocks) * SECTOR <= bytes.length, 'extent inside the image');
        });
      });
    });
  });
}
