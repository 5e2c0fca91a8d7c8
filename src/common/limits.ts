/**
 * The largest seed image cloudseed builds, and so the largest `inspect` reads: images are built
 * in one buffer in memory. Seed images are kilobytes; 1 GiB leaves room for any plausible payload
 * while failing early, with a clear message, instead of exhausting memory.
 */
export const MAX_IMAGE_SIZE = 2 ** 30;
