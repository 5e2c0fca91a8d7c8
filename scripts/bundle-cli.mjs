// Bundles the CLI into dist/cli/ (npm's `cloudseed` binary). Unbundled, the CLI loads some 150
// module files (ours and its dependencies') one by one before it builds anything.
// One bundle with code-split chunks keeps each command's lazy imports lazy: `--version` loads only
// the entry chunk, `build` adds the pipeline. The library (dist/index.js) stays unbundled:
// it uses the dependencies npm installs beside it.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * The precompiled schema validator (src/parse/generated, written by scripts/compile-schema.mjs)
 * calls ajv's runtime helpers through a require() of its own making, which esbuild cannot follow:
 * the bundled CLI then started Node's CommonJS loader and read ajv's files from node_modules on
 * every build. Without that local require, the call is the bundle's own and the helpers are bundled.
 * A changed prelude stops the build rather than quietly bringing the run-time require back.
 */
const VALIDATOR_PRELUDE = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
const bundleValidatorHelpers = {
  name: 'bundle-validator-helpers',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]parse[\\/]generated[\\/]spec-validator\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes(VALIDATOR_PRELUDE)) throw new Error(`${path}: the createRequire prelude this bundler removes is not there`);
      return { contents: source.replace(VALIDATOR_PRELUDE, ''), loader: 'js' };
    });
  },
};

/**
 * commander requires node:child_process when it loads, for subcommands that are separate
 * executables, which cloudseed has none of; loading it pulls in net, dgram and the stream stack
 * on every run. The bundled copy requires it when it would spawn one. A changed line in a new
 * commander stops the build rather than quietly loading it again.
 */
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyCommanderChildProcess = {
  name: 'lazy-commander-child-process',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes(COMMANDER_CHILD_PROCESS)) throw new Error(`${path}: the child_process require this bundler defers is not there`);
      const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(COMMANDER_CHILD_PROCESS, lazy), loader: 'js' };
    });
  },
};

rmSync('dist/cli', { recursive: true, force: true });
await build({
  // run.js is the in-process seam (run(argv, io)) the tests load from the shipped bundle.
  entryPoints: { 'cli/main': 'src/cli/main.ts', 'cli/run': 'src/cli/run.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'cli/chunks/[name]-[hash]',
  // Dependencies are bundled too: yaml, ajv and commander are dozens of files each, and loading
  // them file by file was most of `cloudseed build`'s start-up (measured: 204 ms -> 94 ms).
  // esbuild keeps their licence comments (legalComments defaults to 'eof' when bundling).
  // yaml and ajv are CommonJS: their require() calls need a real require inside the ESM bundle.
  banner: { js: "import { createRequire as cloudseedCreateRequire } from 'node:module'; const require = cloudseedCreateRequire(import.meta.url);" },
  define: { CLOUDSEED_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  plugins: [bundleValidatorHelpers, lazyCommanderChildProcess],
  // V8 scans every byte of a chunk it loads (comments and indentation too) before it runs any of
  // it, and a one-shot build loads several hundred KiB. Names are kept, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
