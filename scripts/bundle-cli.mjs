// Bundles the CLI into dist/cli/ (npm's `cloudseed` binary). Unbundled, the CLI loads some 150
// module files (ours and its dependencies') one by one before it builds anything.
// One bundle with code-split chunks keeps each command's lazy imports lazy: `--version` loads only
// the entry chunk, `build` adds the pipeline. The library (dist/index.js) stays unbundled:
// it uses the dependencies npm installs beside it.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * An esbuild plugin that replaces one exact piece of text in the files `filter` matches as they
 * are bundled. Text that is not there stops the build: a new version of the file must not quietly
 * undo the replacement.
 */
function replaceWhileBundling(name, filter, text, replacement) {
  return {
    name,
    setup(bundler) {
      bundler.onLoad({ filter }, ({ path }) => {
        const source = readFileSync(path, 'utf8');
        if (!source.includes(text)) throw new Error(`${path}: ${name}: the text to replace is not there: ${text}`);
        return { contents: source.replace(text, replacement), loader: 'js' };
      });
    },
  };
}

/**
 * The precompiled schema validator (src/parse/generated, written by scripts/compile-schema.mjs)
 * calls ajv's runtime helpers through a require() of its own making, which esbuild cannot follow:
 * the bundled CLI then started Node's CommonJS loader and read ajv's files from node_modules on
 * every build. Without that local require, the call is the bundle's own and the helpers are bundled.
 */
const bundleValidatorHelpers = replaceWhileBundling(
  'bundle-validator-helpers',
  /[\\/]parse[\\/]generated[\\/]spec-validator\.js$/,
  "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n",
  '',
);

/**
 * commander requires node:child_process when it loads, for subcommands that are separate
 * executables, which cloudseed has none of; loading it pulls in net, dgram and the stream stack
 * on every run. The bundled copy requires it when it would spawn one.
 */
const lazyCommanderChildProcess = replaceWhileBundling(
  'lazy-commander-child-process',
  /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/,
  "const childProcess = require('node:child_process');",
  "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
);

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
