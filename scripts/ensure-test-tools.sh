#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when any is missing. The tests use
# independent readers and cloud-init's own parser; they fail (never skip) without them.
set -euo pipefail

# command -> Debian package that provides it
declare -A needed=(
  [xorriso]=xorriso
  [isoinfo]=genisoimage
  [7z]=p7zip-full
  [blkid]=util-linux
  [fsck.fat]=dosfstools
  [mdir]=mtools
  [mkpasswd]=whois
  [openssl]=openssl
  [ssh-keygen]=openssh-client
  [cloud-init]=cloud-init
  [cloud-localds]=cloud-image-utils
  [xmllint]=libxml2-utils
  [virt-xml-validate]=libvirt-clients
  [zsh]=zsh
)
missing=()
for cmd in "${!needed[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${needed[$cmd]}")
done
/usr/bin/python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ensure-test-tools: missing packages: ${missing[*]} (run as root or apt-get install them)" >&2
    exit 1
  fi
  # cloud-init must never act on the machine that runs the tests: disable it before it is installed.
  mkdir -p /etc/cloud && touch /etc/cloud/cloud-init.disabled
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
mkdir -p /etc/cloud && touch /etc/cloud/cloud-init.disabled 2>/dev/null || true
