#!/usr/bin/env bash
# Installs the reference tools `npm run bench` compares cloudseed against, when any is missing.
# apt-get update runs only when something has to be installed.
set -euo pipefail

# command -> Debian package that provides it
declare -A needed=(
  [cloud-localds]=cloud-image-utils
  [genisoimage]=genisoimage
  [xorrisofs]=xorriso
  [mkfs.vfat]=dosfstools
  [mcopy]=mtools
)
missing=()
for cmd in "${!needed[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${needed[$cmd]}")
done
# GNU time reports peak RSS (the shell's `time` keyword does not).
[ -x /usr/bin/time ] || missing+=(time)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ensure-bench-tools: missing packages: ${missing[*]} (run as root or apt-get install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
