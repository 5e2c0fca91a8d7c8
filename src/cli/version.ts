/**
 * cloudseed's version. scripts/bundle-cli.mjs writes package.json's version into the bundle as
 * CLOUDSEED_VERSION, because the bundle's chunks sit in different folders; run from the sources
 * (tests that copy the tree), it is read from the package.json two folders up.
 */
import { readFileSync } from 'node:fs';

declare const CLOUDSEED_VERSION: string | undefined;

export const VERSION: string =
  typeof CLOUDSEED_VERSION === 'string'
    ? CLOUDSEED_VERSION
    : (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
