export { checkVfatLimits } from './limits.js';
export type { VfatOptions } from './options.js';
export { writeVfat } from './write.js';
