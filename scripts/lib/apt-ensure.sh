# Shared by scripts/ensure-*-tools.sh: install the Debian packages whose commands are missing.
# Usage (after `declare -A needed=([command]=package ...)` and `missing=()`):
#   source "$(dirname "$0")/lib/apt-ensure.sh"
#   add_missing_commands needed        # appends the packages of absent commands to missing
#   [ -e /some/file ] || missing+=(pkg)  # any extra checks
#   install_missing ensure-xyz-tools   # apt-get update + install, only when something is missing

add_missing_commands() {
  local -n commands=$1
  local cmd
  for cmd in "${!commands[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("${commands[$cmd]}")
  done
}

install_missing() {
  [ ${#missing[@]} -gt 0 ] || return 0
  if [ "$(id -u)" != 0 ]; then
    echo "$1: missing packages: ${missing[*]} (run as root or apt-get install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
