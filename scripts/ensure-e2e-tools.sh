#!/usr/bin/env bash
# Installs the Debian packages the end-to-end suite needs, when any is missing: mmdebstrap and
# e2fsprogs build the guest image, QEMU boots it, xorriso/dosfstools/mtools make the harness's
# own fixture seeds, cloud-localds (cloud-image-utils) makes the seed edit.test.ts edits, openssl re-hashes passwords to check the guest's shadow entries.
set -euo pipefail

# command -> Debian package that provides it
declare -A needed=(
  [qemu-system-x86_64]=qemu-system-x86
  [qemu-img]=qemu-utils
  [mmdebstrap]=mmdebstrap
  [mke2fs]=e2fsprogs
  [xorrisofs]=xorriso
  [mkfs.fat]=dosfstools
  [mcopy]=mtools
  [cloud-localds]=cloud-image-utils
  [openssl]=openssl
  [python3]=python3
  [nc]=netcat-openbsd
)
missing=()
source "$(dirname "$0")/lib/apt-ensure.sh"
add_missing_commands needed
# qemu-system-x86 without recommends lacks the firmware the pc machine loads (SeaBIOS, iPXE ROMs for virtio-net).
[ -e /usr/share/seabios/bios-256k.bin ] || missing+=(seabios)
[ -e /usr/lib/ipxe/qemu/efi-virtio.rom ] || missing+=(ipxe-qemu)

install_missing ensure-e2e-tools
