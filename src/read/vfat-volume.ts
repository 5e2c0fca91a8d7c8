/**
 * The geometry of a FAT12, FAT16 or FAT32 volume as a reader needs it (where the FATs, the root
 * folder and the clusters are), and cluster chains read through the FAT with every number
 * checked, so a hostile image ends in an IoError instead of a crash or an endless loop.
 */
import { IoError } from '../errors.js';
import { decodeBootSector, EXTENDED_BOOT_SIGNATURE } from '../codec/vfat/boot-sector.js';
import { DIR_ENTRY_SIZE } from '../codec/vfat/dir-entry.js';
import { FIRST_DATA_CLUSTER, fatTypeOfClusterCount, isEndOfChain, readFatEntry } from '../codec/vfat/fat.js';

export type ReadFatType = ReturnType<typeof fatTypeOfClusterCount>;

const VALID_SECTOR_SIZES = [512, 1024, 2048, 4096];
const BOOT_SECTOR_BYTES = 512;

/** fatgen103 "FAT32 Structure Starting at Offset 36": byte offsets in sector 0. */
const Fat32Boot = {
  sectorsPerFat: 36, // BPB_FATSz32
  extendedFlags: 40, // BPB_ExtFlags: bit 7 set = only the FAT numbered in bits 0-3 is live
  rootCluster: 44, // BPB_RootClus
  extendedSignature: 66, // BS_BootSig
  serial: 67, // BS_VolID
  label: 71, // BS_VolLab, 11 bytes
} as const;
const SINGLE_ACTIVE_FAT = 0x80;
const ACTIVE_FAT_MASK = 0x0f;
const LABEL_LENGTH = 11;
/** fatgen103 "FAT32 FAT entries": the high 4 bits are reserved; EOC from 0x0FFFFFF8. */
const FAT32_ENTRY_MASK = 0x0fffffff;
const FAT32_END_OF_CHAIN = 0x0ffffff8;

export interface VfatVolume {
  readonly image: Uint8Array;
  readonly fatType: ReadFatType;
  /** The live FAT (the first, unless a FAT32 volume says mirroring is off). */
  readonly fat: Uint8Array;
  readonly clusterBytes: number;
  readonly clusterCount: number;
  readonly dataOffset: number;
  /** FAT12/16: the fixed root folder region. FAT32: the root's first cluster. */
  readonly root: { readonly bytes: Uint8Array } | { readonly cluster: number };
  /** BS_VolLab, trailing spaces removed; '' when the boot sector has no extended signature. */
  readonly bootLabel: string;
  /** BS_VolID (0 without the extended signature). */
  readonly serial: number;
}

function notFat(reason: string): IoError {
  return new IoError(`not a readable FAT image: ${reason}`);
}

function readLabel(image: Uint8Array, offset: number): string {
  return String.fromCharCode(...image.subarray(offset, offset + LABEL_LENGTH)).trimEnd();
}

/** Decodes sector 0 and checks that every region it describes lies inside the image. */
export function openVfatVolume(image: Uint8Array): VfatVolume {
  if (image.length < BOOT_SECTOR_BYTES) throw notFat('shorter than one sector');
  const view = new DataView(image.buffer, image.byteOffset, BOOT_SECTOR_BYTES);
  const boot = decodeBootSector(image.subarray(0, BOOT_SECTOR_BYTES));
  const bpb = boot.ebpb.dos331.dos20;
  const { bytesPerSector, sectorsPerCluster, reservedSectors, fatCount, rootEntries } = bpb;
  if (!VALID_SECTOR_SIZES.includes(bytesPerSector)) throw notFat(`${bytesPerSector} bytes per sector`);
  if (sectorsPerCluster === 0 || (sectorsPerCluster & (sectorsPerCluster - 1)) !== 0) {
    throw notFat(`${sectorsPerCluster} sectors per cluster`);
  }
  if (reservedSectors === 0 || fatCount === 0) throw notFat('no reserved sector or no FAT');
  // fatgen103: BPB_FATSz16 is 0 on FAT32, whose FAT size lives in BPB_FATSz32.
  const isFat32Layout = bpb.sectorsPerFat === 0;
  const sectorsPerFat = isFat32Layout ? view.getUint32(Fat32Boot.sectorsPerFat, true) : bpb.sectorsPerFat;
  if (sectorsPerFat === 0) throw notFat('FAT size 0');
  const totalSectors = bpb.totalSectors16 || boot.ebpb.dos331.totalSectors32;
  const rootSectors = Math.ceil((rootEntries * DIR_ENTRY_SIZE) / bytesPerSector);
  const firstDataSector = reservedSectors + fatCount * sectorsPerFat + rootSectors;
  const clusterCount = Math.floor((totalSectors - firstDataSector) / sectorsPerCluster);
  if (clusterCount <= 0) throw notFat('the regions do not fit in the volume');
  const fatType = fatTypeOfClusterCount(clusterCount);
  if ((fatType === 32) !== isFat32Layout) throw notFat(`a FAT${fatType} cluster count in a boot sector of the other kind`);
  if (totalSectors * bytesPerSector > image.length) {
    throw new IoError(`truncated FAT image: the volume is ${totalSectors * bytesPerSector} bytes, the file ${image.length}`);
  }

  const flags = isFat32Layout ? view.getUint16(Fat32Boot.extendedFlags, true) : 0;
  const activeFat = flags & SINGLE_ACTIVE_FAT ? flags & ACTIVE_FAT_MASK : 0;
  if (activeFat >= fatCount) throw notFat(`active FAT ${activeFat} of ${fatCount}`);
  const fatOffset = (reservedSectors + activeFat * sectorsPerFat) * bytesPerSector;
  const rootOffset = (reservedSectors + fatCount * sectorsPerFat) * bytesPerSector;
  const dataOffset = firstDataSector * bytesPerSector;
  const hasExtended = isFat32Layout
    ? image[Fat32Boot.extendedSignature] === EXTENDED_BOOT_SIGNATURE
    : boot.ebpb.extendedSignature === EXTENDED_BOOT_SIGNATURE;
  return {
    image,
    fatType,
    fat: image.subarray(fatOffset, fatOffset + sectorsPerFat * bytesPerSector),
    clusterBytes: sectorsPerCluster * bytesPerSector,
    clusterCount,
    dataOffset,
    root: isFat32Layout
      ? { cluster: view.getUint32(Fat32Boot.rootCluster, true) }
      : { bytes: image.subarray(rootOffset, dataOffset) },
    bootLabel: !hasExtended ? '' : isFat32Layout ? readLabel(image, Fat32Boot.label) : boot.ebpb.label.trimEnd(),
    serial: !hasExtended ? 0 : isFat32Layout ? view.getUint32(Fat32Boot.serial, true) : boot.ebpb.serial,
  };
}

/** The FAT entry of `cluster`, or undefined when the FAT is too short to hold it. */
function readEntry(volume: VfatVolume, cluster: number): number | undefined {
  const { fat, fatType } = volume;
  if (fatType === 32) {
    if (cluster * 4 + 4 > fat.length) return undefined;
    return new DataView(fat.buffer, fat.byteOffset + cluster * 4, 4).getUint32(0, true) & FAT32_ENTRY_MASK;
  }
  const lastByte = fatType === 16 ? cluster * 2 + 1 : cluster + (cluster >> 1) + 1;
  return lastByte < fat.length ? readFatEntry(fat, fatType, cluster) : undefined;
}

function endsChain(fatType: ReadFatType, value: number): boolean {
  return fatType === 32 ? value >= FAT32_END_OF_CHAIN : isEndOfChain(fatType, value);
}

/**
 * The bytes of the cluster chain starting at `first`, at most `maxBytes` of them (a file needs no
 * more than its size; a folder is capped by the caller). The whole chain is followed even past
 * what is copied, so a loop is reported: a chain longer than the volume has clusters is one.
 */
export function readClusterChain(volume: VfatVolume, first: number, path: string, maxBytes: number): Uint8Array {
  const clusters: number[] = [];
  const lastCluster = volume.clusterCount + FIRST_DATA_CLUSTER - 1;
  let cluster: number | undefined = first;
  for (let length = 0; !endsChain(volume.fatType, cluster); length++) {
    if (cluster < FIRST_DATA_CLUSTER || cluster > lastCluster || length >= volume.clusterCount) {
      throw new IoError(`corrupt FAT image: the cluster chain of ${path} is broken at cluster ${cluster}`);
    }
    if (clusters.length * volume.clusterBytes < maxBytes) clusters.push(cluster);
    cluster = readEntry(volume, cluster);
    if (cluster === undefined) throw new IoError(`corrupt FAT image: the FAT is too short for ${path}`);
  }
  const bytes = new Uint8Array(clusters.length * volume.clusterBytes);
  clusters.forEach((number, i) => {
    const start = volume.dataOffset + (number - FIRST_DATA_CLUSTER) * volume.clusterBytes;
    if (start + volume.clusterBytes > volume.image.length) {
      throw new IoError(`truncated FAT image: cluster ${number} of ${path} lies past its end`);
    }
    bytes.set(volume.image.subarray(start, start + volume.clusterBytes), i * volume.clusterBytes);
  });
  return bytes;
}
