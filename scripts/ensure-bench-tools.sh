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
source "$(dirname "$0")/lib/apt-ensure.sh"
add_missing_commands needed
# GNU time reports peak RSS (the shell's `time` keyword does not).
[ -x /usr/bin/time ] || missing+=(time)

install_missing ensure-bench-tools
