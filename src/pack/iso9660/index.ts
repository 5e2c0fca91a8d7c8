export { writeIso9660 } from './write.js';
export { checkIso9660Limits, MAX_IMAGE_SIZE } from './limits.js';
export { layoutIso9660, type IsoLayout } from './layout.js';
