/**
 * The largest seed image cloudseed builds in memory (buildSeed, the vfat and xorriso writers), and
 * so the largest `inspect` reads. Seed images are kilobytes; 1 GiB leaves room for any plausible
 * payload while failing early, with a clear message, instead of exhausting memory. Images written
 * to a file or a pipe by the native iso9660 writer are streamed and not held by this cap.
 */
export const MAX_IMAGE_SIZE = 2 ** 30;
