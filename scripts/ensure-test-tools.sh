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
  [qemu-img]=qemu-utils
)
missing=()
source "$(dirname "$0")/lib/apt-ensure.sh"
add_missing_commands needed
/usr/bin/python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)

# cloud-init must never act on the machine that runs the tests: disabled before it is installed.
mkdir -p /etc/cloud && touch /etc/cloud/cloud-init.disabled 2>/dev/null || true
install_missing ensure-test-tools
