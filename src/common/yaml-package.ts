/**
 * The `yaml` package, loaded the first time a YAML text is parsed or a value needs its writer.
 * A JSON spec built into a seed of plain shapes never needs it, and loading it was about a tenth
 * of a one-shot `cloudseed build`. Loaded with require() because the callers (parseSpecText,
 * toYaml11) are synchronous; the package is CommonJS under Node, so `import` gives the same copy.
 * The bundled CLI replaces this require with one of its own single-file copy (scripts/bundle-cli.mjs).
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

export function yamlPackage(): typeof Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return loaded;
}
