/** The native iso9660 writer's public surface; the reader lives in src/read/iso9660.ts. */
export { encodeIso9660Chunks, writeIso9660, type IsoStream, type SourceReader } from './write.js';
export { MAX_IMAGE_SIZE } from '../../common/limits.js';
export { checkIso9660Limits } from './limits.js';
