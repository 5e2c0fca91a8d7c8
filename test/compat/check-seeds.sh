#!/bin/bash
# Static oracle for issue 13's "no warnings" rule: renders the golden specs and the network corpus
# as every datasource (test/compat/render-seeds.ts) and has the cloud-init of each Debian release
# read them (test/compat/cloud-init-check.py), in a minimal root built once with mmdebstrap and
# cached by the hash of its recipe outside the checkout.
#
# Usage: test/compat/check-seeds.sh [SUITE...]     (default: bullseye bookworm trixie sid)
#   bullseye = cloud-init 20.4, bookworm = 22.4, trixie = 25.1, sid = the newest the mirror serves
# Environment: CLOUDSEED_CACHE (default $HOME/.cache/cloudseed), DEBIAN_MIRROR.
# Exit 1 when a seed has a finding that test/compat/known-findings.txt does not list.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${CLOUDSEED_CACHE:-$HOME/.cache/cloudseed}/cloud-init-roots
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=(bullseye bookworm trixie sid)
PACKAGES=cloud-init,python3-netifaces
# cloud-init's networkd renderer gives its files to systemd-network, which minbase lacks.
HOOK='chroot "$1" sh -c "groupadd -r systemd-network && useradd -r -g systemd-network -d / -s /usr/sbin/nologin systemd-network"'

root_for() {
  local suite=$1 key hook=$HOOK aptopt=''
  if [ "$suite" = sid ]; then
    # sid's minbase already has the systemd-network user; and the mirror's sid Release file may be
    # past its Valid-Until date (a stale mirror), which this check, after packages, can ignore.
    hook=''
    aptopt='Acquire::Check-Valid-Until "false"'
  fi
  key=$(printf '%s\n' "$suite" "$PACKAGES" "$MIRROR" "$hook" ${aptopt:+"$aptopt"} | sha256sum | cut -c1-16)
  local root="$CACHE/$suite-$key"
  if [ ! -e "$root/.complete" ]; then
    if ! command -v mmdebstrap >/dev/null; then
      declare -A needed=([mmdebstrap]=mmdebstrap)
      missing=()
      source "$REPO/scripts/lib/apt-ensure.sh"
      add_missing_commands needed
      install_missing check-seeds >&2
    fi
    rm -rf "$root" "$root.tmp"
    mkdir -p "$CACHE"
    # errexit does not reach into $(...): every step says what happens when it fails.
    mmdebstrap --quiet --variant=minbase --include="$PACKAGES" ${hook:+--customize-hook="$hook"} ${aptopt:+--aptopt="$aptopt"} \
      "$suite" "$root.tmp" "$MIRROR" >&2 || { rm -rf "$root.tmp"; return 1; }
    touch "$root.tmp/.complete" && mv "$root.tmp" "$root" || return 1
  fi
  echo "$root"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$REPO" && node --import tsx test/compat/render-seeds.ts "$work/seeds" >"$work/skipped.txt")
echo "seeds: $(ls "$work/seeds" | wc -l) ($(wc -l <"$work/skipped.txt") refused by design, see render-seeds.ts)"

status=0
for suite in "${SUITES[@]}"; do
  if ! root=$(root_for "$suite"); then
    echo "$suite: could not build the root (mmdebstrap failed)"
    status=1
    continue
  fi
  inside=/tmp/cloudseed-check
  rm -rf "$root$inside"
  mkdir -p "$root$inside"
  cp -r "$work/seeds" "$root$inside/seeds"
  cp "$HERE/cloud-init-check.py" "$root$inside/"
  chroot "$root" python3 "$inside/cloud-init-check.py" "$inside/seeds" >"$work/$suite.jsonl" || true
  rm -rf "$root$inside"
  python3 - "$work/$suite.jsonl" "$HERE/known-findings.txt" "$suite" <<'PY' || status=1
import json, sys
results = [json.loads(line) for line in open(sys.argv[1])]
known = [line.split("#")[0].strip() for line in open(sys.argv[2])]
known = [tuple(item.split(" ", 1)) for item in known if item]
unexpected = []
for result in results:
    for finding in result["findings"]:
        if not any(result["seed"] == seed and text in finding for seed, text in known):
            unexpected.append((result["seed"], finding))
version = results[0]["cloud_init"] if results else "?"
flagged = sum(1 for r in results if r["findings"])
print(f"{sys.argv[3]} (cloud-init {version}): {len(results)} seeds, {flagged} with findings, {len(unexpected)} unexpected")
for seed, finding in unexpected:
    print(f"  {seed}: {finding}")
sys.exit(1 if unexpected or not results else 0)
PY
done
exit $status
