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
        return { contents: source.replace(text, replacement), loader: path.endsWith('.ts') ? 'ts' : 'js' };
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

/**
 * The `yaml` package is loaded on first use (src/common/yaml-package.ts), with require() because
 * its callers are synchronous: a JSON spec's build never loads it. Bundled, that require names the
 * package's own copy, written below as one file beside the chunks; from node_modules it would be
 * some 70 CommonJS files, loaded one by one (measured: 150 M instructions against 35 M).
 */
const YAML_FILE = 'yaml.cjs';
const CHUNKS = 'cli/chunks';
const requireBundledYaml = replaceWhileBundling(
  'require-bundled-yaml',
  /[\\/]common[\\/]yaml-package\.ts$/,
  "createRequire(import.meta.url)('yaml')",
  `createRequire(import.meta.url)('./${YAML_FILE}')`,
);

rmSync('dist/cli', { recursive: true, force: true });
const { metafile } = await build({
  // run.js is the in-process seam (run(argv, io)) the tests load from the shipped bundle.
  entryPoints: { 'cli/main': 'src/cli/main.ts', 'cli/run': 'src/cli/run.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: `${CHUNKS}/[name]-[hash]`,
  // Dependencies are bundled too: yaml, ajv and commander are dozens of files each, and loading
  // them file by file was most of `cloudseed build`'s start-up (measured: 204 ms -> 94 ms).
  // esbuild keeps their licence comments (legalComments defaults to 'eof' when bundling).
  // yaml and ajv are CommonJS: their require() calls need a real require inside the ESM bundle.
  banner: { js: "import { createRequire as cloudseedCreateRequire } from 'node:module'; const require = cloudseedCreateRequire(import.meta.url);" },
  define: { CLOUDSEED_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  plugins: [bundleValidatorHelpers, lazyCommanderChildProcess, requireBundledYaml],
  // V8 scans every byte of a chunk it loads (comments and indentation too) before it runs any of
  // it, and a one-shot build loads several hundred KiB. Names are kept, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  metafile: true,
});

// A static import of 'yaml' would bundle a second copy into the chunks, loaded with them.
const yamlInChunks = Object.keys(metafile.inputs).filter((input) => /node_modules[\\/]yaml[\\/]/.test(input));
if (yamlInChunks.length > 0) throw new Error(`bundled-yaml: the yaml package is imported statically (${yamlInChunks[0]}); use common/yaml-package.ts`);
// That require is relative to the file its module lands in, which must be a chunk.
const yamlLoaders = Object.entries(metafile.outputs).filter(([, output]) => Object.keys(output.inputs).some((input) => input.endsWith('common/yaml-package.ts')));
if (yamlLoaders.length !== 1 || !yamlLoaders[0][0].startsWith(`dist/${CHUNKS}/`)) {
  throw new Error(`bundled-yaml: src/common/yaml-package.ts must land in one file under dist/${CHUNKS}, not ${yamlLoaders.map(([file]) => file).join(', ')}`);
}
await build({
  stdin: { contents: "module.exports = require('yaml');", resolveDir: '.', sourcefile: YAML_FILE },
  outfile: `dist/${CHUNKS}/${YAML_FILE}`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
