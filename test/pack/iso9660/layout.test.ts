/** The layout pass alone: every extent placed once, block aligned, sized right, nothing overlapping. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeRecordingDate } from '../../../src/codec/iso9660/dates.js';
import { encodeDirectoryRecord } from '../../../src/codec/iso9660/directory-record.js';
import { layoutIso9660, type IsoLayout, type PlacedHierarchy } from '../../../src/pack/iso9660/layout.js';
import { CE_ENTRY_LENGTH } from '../../../src/codec/iso9660/susp.js';
import { encodeSystemUseField, measureSystemUseField } from '../../../src/pack/iso9660/system-use.js';
import { contentSize, fileTree, type FileTree } from '../../../src/common/file-tree.js';
import { randomTree } from '../../helpers/random-tree.js';
import { SAMPLE_TREES } from './sample-trees.js';

const SECTOR = 2048;

interface Span {
  readonly what: string;
  readonly start: number;
  readonly blocks: number;
}

function listSpans(layout: IsoLayout): Span[] {
  const spans: Span[] = [];
  const hierarchies: [string, PlacedHierarchy][] = [
    ['primary', layout.primary],
    ['joliet', layout.joliet],
  ];
  for (const [name, hierarchy] of hierarchies) {
    const tableBlocks = Math.ceil(hierarchy.pathTableSize / SECTOR);
    spans.push({ what: `${name} L path table`, start: hierarchy.lPathTable, blocks: tableBlocks });
    spans.push({ what: `${name} M path table`, start: hierarchy.mPathTable, blocks: tableBlocks });
    hierarchy.directories.forEach((directory, index) => {
      spans.push({
        what: `${name} folder ${index + 1}`,
        start: directory.extent,
        blocks: directory.dataLength / SECTOR,
      });
    }
    );
  }
  const continuationBlocks = new Set(
    layout.primary.directories.flatMap((directory) =>
      directory.records.flatMap((record) => record.continuation?.block ?? []),
    ),
  );
  continuationBlocks.forEach((block) => {
    spans.push({ what: `continuation block ${block}`, start: block, blocks: 1 });
  });
  for (const file of layout.files) {
    if (contentSize(file.content) > 0)
      spans.push({ what: `file ${file.path}`, start: file.extent, blocks: Math.ceil(contentSize(file.content) / SECTOR) });
  }
  return spans.sort((a, b) => a.start - b.start);
}

function checkLayout(tree: FileTree, context: string): void {
  const layout = layoutIso9660(tree);
  assert.deepEqual([layout.primaryDescriptor, layout.jolietDescriptor, layout.terminator], [16, 17, 18], context);

  // Everything after the descriptors is placed exactly once, back to back, up to the last block.
  let next = 19;
  for (const span of listSpans(layout)) {
    assert.equal(span.start, next, `${context}: ${span.what} starts at ${span.start}, expected ${next}`);
    assert.ok(span.blocks >= 1, `${context}: ${span.what} is empty`);
    next += span.blocks;
  }
  assert.equal(layout.blocks, next, `${context}: volume size`);

  for (const file of layout.files) {
    if (contentSize(file.content) === 0) assert.equal(file.extent, 0, `${context}: empty ${file.path} has extent 0`);
    assert.deepEqual(file.content, tree.get(file.path), `${context}: ${file.path} content`);
  }
  assert.equal(layout.files.length, tree.size, `${context}: every file placed`);

  const date = encodeRecordingDate(0);
  for (const hierarchy of [layout.primary, layout.joliet]) {
    hierarchy.directories.forEach((directory, index) => {
      assert.equal(directory.dataLength % SECTOR, 0, `${context}: folder length is whole blocks`);
      assert.ok(
        directory.parentNumber <= Math.max(1, index),
        `${context}: parent comes before child in the path table`,
      );
      if (index > 0)
        assert.ok(
          directory.parentNumber >= hierarchy.directories[index - 1]!.parentNumber,
          `${context}: path table order`,
        );
      let end = 0;
      for (const record of directory.records) {
        assert.ok(record.offset >= end, `${context}: records do not overlap`);
        assert.ok((record.offset % SECTOR) + record.length <= SECTOR, `${context}: record crosses a block`);
        assert.equal(record.length % 2, 0, `${context}: even record length`);
        const systemUse = record.systemUse.map((field) => encodeSystemUseField(field, date));
        const suLength =
          systemUse.reduce((sum, entry) => sum + entry.length, 0) + (record.continuation ? CE_ENTRY_LENGTH : 0);
        const encoded = encodeDirectoryRecord({ ...record, systemUse: new Uint8Array(suLength) }, date);
        assert.equal(encoded.length, record.length, `${context}: planned and encoded lengths agree`);
        end = record.offset + record.length;
        const area = record.continuation;
        if (area) {
          assert.ok(area.offset + area.length <= SECTOR, `${context}: continuation area inside one block`);
          assert.equal(
            area.length,
            area.fields.reduce((sum, field) => sum + measureSystemUseField(field), 0),
          );
        }
      }
      assert.ok(end <= directory.dataLength, `${context}: records fit the folder extent`);
      assert.equal(directory.records[0]?.extent, directory.extent, `${context}: "." points to the folder itself`);
    });
  }
}

test('layout of the sample trees is contiguous, aligned and sized right', () => {
  for (const sample of SAMPLE_TREES) checkLayout(sample.tree, sample.name);
});

test('layout of random trees is contiguous, aligned and sized right', () => {
  for (let seed = 1; seed <= 100; seed++) checkLayout(randomTree(seed, { maxDepth: 7, maxFiles: 30 }), `seed ${seed}`);
});

test('an empty tree is a root folder and nothing else', () => {
  const layout = layoutIso9660(new Map());
  assert.equal(layout.primary.directories.length, 1);
  assert.equal(layout.files.length, 0);
  // descriptors 16-18, 4 path tables, 2 root folders, 1 continuation block (the root's ER entry)
  assert.equal(layout.blocks, 19 + 4 + 2 + 1);
});

test('a folder too big for one block spans several, records never crossing a boundary', () => {
  const tree = fileTree(Array.from({ length: 120 }, (_, i) => [`f/${'n'.repeat(40)}${i}`, 'x'] as const));
  const layout = layoutIso9660(tree);
  const folder = layout.primary.directories[1]!;
  assert.ok(folder.dataLength >= 4 * SECTOR, `primary folder is ${folder.dataLength} bytes`);
  assert.ok(layout.joliet.directories[1]!.dataLength >= 2 * SECTOR);
  checkLayout(tree, 'big folder');
});

test('path table size counts 8 bytes per entry plus the padded identifier (ECMA-119 9.4)', () => {
  const layout = layoutIso9660(fileTree([['abc/de/f', '1']]));
  // root (1 + pad), ABC (3 + pad), DE (2)
  assert.equal(layout.primary.pathTableSize, 8 + 2 + 8 + 4 + 8 + 2);
  // Joliet: root (1 + pad), "abc" (6), "de" (4)
  assert.equal(layout.joliet.pathTableSize, 8 + 2 + 8 + 6 + 8 + 4);
});
