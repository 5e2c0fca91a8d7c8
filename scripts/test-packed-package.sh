#!/usr/bin/env bash
# The package as users get it: `npm pack` from a clean copy of the working tree, the tarball
# installed into an empty project, then used there on each Node runtime users run (20, 22, 24):
# the library through its public entry points (test/package/consumer/check-library.mjs), its
# images read by xorriso and mtools, the installed `cloudseed` bin, and a TypeScript consumer
# type-checked against the installed declarations.
#
#   scripts/test-packed-package.sh [MAJOR...]             pack, then test on each (default: 20 22 24)
#   scripts/test-packed-package.sh --pack DIR             pack into DIR, print the tarball's path
#   scripts/test-packed-package.sh --tarball FILE MAJOR...  test a tarball made by --pack
#
# Runtimes other than the running node's major come from the npm registry's `node` package
# (its install script fetches the real binary) and are cached in .cache/node-runtimes/<major>.
# A runtime that cannot be fetched is a failure, never a skip.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
consumer="$repo/test/package/consumer"
runtimes="$repo/.cache/node-runtimes"
npm_cli="$(readlink -f "$(command -v npm)")"

fail() {
  echo "test-packed-package: $*" >&2
  exit 1
}

# Prints the path of a node binary of the given major version.
resolve_node() {
  local major="$1" dir="$runtimes/$1" binary
  if [[ "$(node -p 'process.versions.node.split(".")[0]')" == "$major" ]]; then
    command -v node
    return
  fi
  binary="$dir/node_modules/node/bin/node"
  if ! "$binary" --version 2>/dev/null | grep -q "^v$major\."; then
    rm -rf "$dir"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --no-package-lock --loglevel=error "node@$major" >&2 || {
      rm -rf "$dir"
      fail "cannot fetch Node $major from the npm registry"
    }
  fi
  "$binary" --version 2>/dev/null | grep -q "^v$major\." || fail "$binary is not a working Node $major"
  echo "$binary"
}

# Packs what `npm ci && npm pack` in a fresh checkout would: a copy of the tracked and
# untracked-but-not-ignored files, so a stale dist/ or an ignored file can never slip in.
pack() {
  local out="$1" copy="$scratch/source"
  mkdir -p "$copy" "$out"
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' file; do [[ -e "$file" ]] && printf '%s\0' "$file"; done |
    tar --null -T - -cf -) | tar -C "$copy" -xf -
  ln -sfn "$repo/node_modules" "$copy/node_modules"
  # npm pack runs `prepare` (the build); all its output goes to stderr, stdout is the tarball's path.
  (cd "$copy" && npm pack --pack-destination "$out" --loglevel=error >&2) || fail "npm pack failed"
  local tarballs=("$out"/cloudseed-*.tgz)
  [[ ${#tarballs[@]} -eq 1 && -f "${tarballs[0]}" ]] || fail "expected one tarball in $out"
  check_tarball_contents "${tarballs[0]}"
  echo "${tarballs[0]}"
}

# The tarball holds the build, the schema and the docs, and no sources or tests.
check_tarball_contents() {
  local list
  list="$(tar -tzf "$1")"
  for needed in package/package.json package/README.md package/dist/index.js package/dist/index.d.ts \
    package/dist/cli/main.js package/dist/parse/generated/spec-validator.js package/schemas/spec.schema.json; do
    grep -qx "$needed" <<<"$list" || fail "$1 lacks $needed"
  done
  if grep -E '^package/(src|test|scripts|bench)/|\.ts$' <<<"$list" | grep -v '\.d\.ts$' >&2; then
    fail "$1 holds sources or tests (listed above)"
  fi
}

# Extracts an iso9660 image with xorriso (Rock Ridge names) into a folder.
extract_iso() {
  mkdir -p "$2"
  xorriso -osirrox on -indev "$1" -extract / "$2" >/dev/null 2>&1 || fail "xorriso cannot read $1"
  chmod -R u+w "$2"
}

# Extracts a FAT image with mtools into a folder.
extract_vfat() {
  mkdir -p "$2"
  MTOOLS_SKIP_CHECK=1 mcopy -s -n -i "$1" '::/*' "$2/" || fail "mcopy cannot read $1"
}

test_on() {
  local tarball="$1" major="$2" node work="$scratch/node-$2"
  node="$(resolve_node "$major")"
  mkdir -p "$work"
  echo "== Node $("$node" --version): $(basename "$tarball")"
  # The runtime under test first on PATH: npm, npx and the bin's `#!/usr/bin/env node` all use it.
  local path="$(dirname "$node"):$PATH"
  cp -r "$consumer/." "$work/"
  (cd "$work" && PATH="$path" "$node" "$npm_cli" install --engine-strict --no-audit --no-fund --loglevel=error "$tarball") ||
    fail "npm install of the tarball failed on Node $major"

  local stdout stderr
  (cd "$work" && env -u SOURCE_DATE_EPOCH PATH="$path" "$node" check-library.mjs out >"$work/lib.out" 2>"$work/lib.err") || {
    cat "$work/lib.out" "$work/lib.err" >&2
    fail "the library check failed on Node $major"
  }
  stdout="$(cat "$work/lib.out")"
  stderr="$(cat "$work/lib.err")"
  [[ -z "$stdout$stderr" ]] || fail "the library printed on Node $major: $stdout$stderr"

  # Independent readers: the images hold exactly the files buildSeed reported.
  extract_iso "$work/out/lib.iso" "$work/iso-files"
  diff -r "$work/out/expected" "$work/iso-files" || fail "xorriso reads other files from lib.iso"
  extract_vfat "$work/out/lib.img" "$work/vfat-files"
  diff -r "$work/out/expected" "$work/vfat-files" || fail "mtools reads other files from lib.img"
  [[ "$(xorriso -indev "$work/out/lib.iso" -pvd_info 2>/dev/null | sed -n 's/^Volume Id *: //p')" == cidata ]] ||
    fail "lib.iso is not labelled cidata"

  # The installed bin: same version as the package, and the same image as the library.
  local version
  version="$(cd "$work" && PATH="$path" "$node" -p "require('cloudseed/package.json').version")"
  [[ "$(cd "$work" && PATH="$path" npx --no-install cloudseed --version)" == "$version" ]] ||
    fail "cloudseed --version is not $version on Node $major"
  (cd "$work" && env -u SOURCE_DATE_EPOCH PATH="$path" npx --no-install cloudseed build spec.yaml -o cli.iso --quiet) ||
    fail "cloudseed build failed on Node $major"
  cmp "$work/cli.iso" "$work/out/lib.iso" || fail "cloudseed build and writeSeed made different images on Node $major"
  (cd "$work" && env -u SOURCE_DATE_EPOCH PATH="$path" npx --no-install cloudseed build big.yaml -o big-cli.iso --quiet) ||
    fail "cloudseed build of a payload over 64 MiB failed on Node $major"
  cmp "$work/big-cli.iso" "$work/big.iso" || fail "cloudseed build and writeSeed made different images of a payload over 64 MiB on Node $major"
  rm "$work/big.bin" "$work/big.iso" "$work/big-cli.iso"
  (cd "$work" && PATH="$path" npx --no-install cloudseed validate spec.yaml >/dev/null) || fail "cloudseed validate failed on Node $major"

  # A TypeScript consumer, strict and without @types/node, under both module resolutions.
  cp "$consumer/types-check.ts.txt" "$work/types-check.ts"
  for config in tsconfig.node16.json tsconfig.bundler.json; do
    (cd "$work" && PATH="$path" "$node" "$repo/node_modules/typescript/bin/tsc" -p "$config") ||
      fail "the TypeScript consumer does not type-check with $config on Node $major"
  done
  # The installed package moved to another folder still finds everything it needs at run time
  # (the schema's names for "did you mean", the templates): the CLI suites run against its bin.
  local moved="$scratch/moved/node-$major"
  mkdir -p "$(dirname "$moved")"
  mv "$work" "$moved"
  local status=0
  (cd "$moved" && PATH="$path" npx --no-install cloudseed build typo.yaml -o typo.iso 2>"$moved/typo.err") || status=$?
  [[ $status -eq 1 && ! -e "$moved/typo.iso" ]] && grep -q "network.ethernets.eth0.adresses: unknown key (did you mean 'addresses'?)" "$moved/typo.err" ||
    fail "a typo in a network interface gave exit $status on Node $major: $(cat "$moved/typo.err")"
  (cd "$repo" && CLOUDSEED_TEST_CLI="$moved/node_modules/cloudseed/dist/cli/main.js" PATH="$path" \
    "$node" --import tsx --test --test-concurrency=2 --test-reporter=dot $cli_suites >"$moved/suites.log" 2>&1) || {
    cat "$moved/suites.log" >&2
    fail "the CLI suites failed against the moved package on Node $major"
  }
  echo "ok: Node $major"
}

# The suites that drive the CLI (the bad-input corpus, templates, examples, init, build), run against the
# installed bin above.
cli_suites="test/bad-input/corpus.test.ts test/templates/templates.test.ts test/docs/examples.test.ts test/cli/init.test.ts test/cli/build.test.ts"

# Everything temporary lives here and goes when the script ends, however it ends.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

case "${1:-}" in
  --pack)
    [[ $# -eq 2 ]] || fail "usage: $0 --pack DIR"
    pack "$2"
    ;;
  --tarball)
    [[ $# -ge 3 ]] || fail "usage: $0 --tarball FILE MAJOR..."
    tarball="$(readlink -f "$2")"
    shift 2
    for major in "$@"; do test_on "$tarball" "$major"; done
    ;;
  *)
    majors=("$@")
    [[ ${#majors[@]} -gt 0 ]] || majors=(20 22 24)
    tarball="$(pack "$scratch/pack")"
    for major in "${majors[@]}"; do test_on "$tarball" "$major"; done
    ;;
esac
