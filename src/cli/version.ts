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

/** Global options without a value: alone with `--version`, they leave nothing but the version to print. */
const VALUELESS_GLOBAL_OPTIONS = new Set(['-V', '--version', '-q', '--quiet', '-v', '--verbose', '--no-color']);

/**
 * A bare `--version` (or `-V`), perhaps with other value-less global options: commander prints
 * the version while it reads the options, before it looks at any command.
 */
export function asksOnlyVersion(argv: readonly string[]): boolean {
  return (argv.includes('-V') || argv.includes('--version')) && argv.every((arg) => VALUELESS_GLOBAL_OPTIONS.has(arg));
}
