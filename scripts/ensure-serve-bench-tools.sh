#!/usr/bin/env bash
# Installs what bench/serve.ts compares `cloudseed serve` against, when missing: nginx (Debian's
# nginx-light is enough: static files only). python3 is already needed by the test tools.
set -euo pipefail

declare -A needed=(
  [nginx]=nginx-light
  [python3]=python3
  [wrk]=wrk
)
missing=()
source "$(dirname "$0")/lib/apt-ensure.sh"
add_missing_commands needed
install_missing ensure-serve-bench-tools
