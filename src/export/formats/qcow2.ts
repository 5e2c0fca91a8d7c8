/**
 * Wraps a raw disk image in qcow2 version 3 (QEMU's docs/interop/qcow2.txt), natively and
 * deterministically: the same raw bytes always give the same file, and no qemu-img is needed.
 *
 * Layout, one structure per run of 64 KiB clusters, in this order:
 *   header (cluster 0) | refcount table | refcount blocks | L1 table | L2 tables | data clusters
 * Clusters of the raw image that are all zero are left unallocated (they read as zeros), so a
 * seed that is mostly empty space stays small. Every allocated cluster has refcount 1 and every
 * table entry carries the COPIED flag that says so, which is what `qemu-img check` verifies.
 */

const CLUSTER_BITS = 16;
const CLUSTER = 1 << CLUSTER_BITS;
/** 16-bit refcounts (refcount_order 4), the qemu-img default. */
const REFCOUNT_ORDER = 4;
const REFCOUNTS_PER_BLOCK = CLUSTER / 2;
const ENTRIES_PER_TABLE = CLUSTER / 8;
const HEADER_LENGTH = 104;
const COPIED = 1n << 63n;

const clustersFor = (bytes: number): number => Math.ceil(bytes / CLUSTER);

function isZero(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte !== 0) return false;
  return true;
}

/** The raw image's cluster indexes that hold any non-zero byte, in order. */
function allocatedClusters(raw: Uint8Array): number[] {
  const allocated: number[] = [];
  for (let index = 0; index * CLUSTER < raw.length; index++) {
    if (!isZero(raw.subarray(index * CLUSTER, (index + 1) * CLUSTER))) allocated.push(index);
  }
  return allocated;
}

interface Layout {
  readonly refcountTableClusters: number;
  readonly refcountBlocks: number;
  readonly l1Entries: number;
  readonly l1Clusters: number;
  /** The L1 indexes that get an L2 table, in order. */
  readonly l2Tables: readonly number[];
  readonly totalClusters: number;
}

/** Refcount blocks must count themselves and the table that points to them: grow until it fits. */
function planLayout(rawLength: number, allocated: readonly number[]): Layout {
  const l1Entries = Math.max(1, Math.ceil(clustersFor(rawLength) / ENTRIES_PER_TABLE));
  const l1Clusters = clustersFor(l1Entries * 8);
  const l2Tables = [...new Set(allocated.map((cluster) => Math.floor(cluster / ENTRIES_PER_TABLE)))];
  const fixed = 1 + l1Clusters + l2Tables.length + allocated.length;
  let refcountBlocks = 1;
  let refcountTableClusters = 1;
  for (;;) {
    const total = fixed + refcountBlocks + refcountTableClusters;
    const blocksNeeded = Math.ceil(total / REFCOUNTS_PER_BLOCK);
    const tableNeeded = clustersFor(blocksNeeded * 8);
    if (blocksNeeded <= refcountBlocks && tableNeeded <= refcountTableClusters) {
      return { refcountTableClusters, refcountBlocks, l1Entries, l1Clusters, l2Tables, totalClusters: total };
    }
    refcountBlocks = Math.max(refcountBlocks, blocksNeeded);
    refcountTableClusters = Math.max(refcountTableClusters, tableNeeded);
  }
}

/** The qcow2 v3 file holding `raw` as its virtual disk, byte for byte. */
export function encodeQcow2(raw: Uint8Array): Uint8Array {
  const allocated = allocatedClusters(raw);
  const layout = planLayout(raw.length, allocated);
  const file = new Uint8Array(layout.totalClusters * CLUSTER);
  const view = new DataView(file.buffer);
  const offsetOf = (cluster: number): number => cluster * CLUSTER;

  const refcountTable = 1;
  const firstRefcountBlock = refcountTable + layout.refcountTableClusters;
  const l1Table = firstRefcountBlock + layout.refcountBlocks;
  const firstL2 = l1Table + layout.l1Clusters;
  const firstData = firstL2 + layout.l2Tables.length;

  // Header (all fields big-endian); unset fields stay zero: no backing file, no encryption,
  // no snapshots, no feature bits.
  view.setUint32(0, 0x514649fb); // "QFI\xfb"
  view.setUint32(4, 3);
  view.setUint32(20, CLUSTER_BITS);
  view.setBigUint64(24, BigInt(raw.length));
  view.setUint32(36, layout.l1Entries);
  view.setBigUint64(40, BigInt(offsetOf(l1Table)));
  view.setBigUint64(48, BigInt(offsetOf(refcountTable)));
  view.setUint32(56, layout.refcountTableClusters);
  view.setUint32(96, REFCOUNT_ORDER);
  view.setUint32(100, HEADER_LENGTH);
  // The header extension area ends with an end-of-extensions marker (type 0, length 0): zeros.

  for (let block = 0; block < layout.refcountBlocks; block++) {
    view.setBigUint64(offsetOf(refcountTable) + block * 8, BigInt(offsetOf(firstRefcountBlock + block)));
  }
  for (let cluster = 0; cluster < layout.totalClusters; cluster++) {
    view.setUint16(offsetOf(firstRefcountBlock) + cluster * 2, 1);
  }
  for (const [index, l1Index] of layout.l2Tables.entries()) {
    view.setBigUint64(offsetOf(l1Table) + l1Index * 8, BigInt(offsetOf(firstL2 + index)) | COPIED);
  }
  for (const [index, cluster] of allocated.entries()) {
    const l2 = firstL2 + layout.l2Tables.indexOf(Math.floor(cluster / ENTRIES_PER_TABLE));
    const dataOffset = offsetOf(firstData + index);
    view.setBigUint64(offsetOf(l2) + (cluster % ENTRIES_PER_TABLE) * 8, BigInt(dataOffset) | COPIED);
    file.set(raw.subarray(cluster * CLUSTER, (cluster + 1) * CLUSTER), dataOffset);
  }
  return file;
}
