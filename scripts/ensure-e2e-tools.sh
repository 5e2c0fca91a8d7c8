#!/usr/bin/env bash
# Installs the Debian packages the end-to-end suite needs, when any is missing: mmdebstrap and
# e2fsprogs build the guest image, QEMU boots it, xorriso/dosfstools/mtools make the harness's
# own fixture seeds, openssl re-hashes passwords to check the guest's shadow entries.
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
  [openssl]=openssl
  [python3]=python3
)
missing=()
for cmd in "${!needed[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${needed[$cmd]}")
done
# qemu-system-x86 without recommends lacks the firmware the pc machine loads (SeaBIOS, iPXE ROMs for virtio-net).
[ -e /usr/share/seabios/bios-256k.bin ] || missing+=(seabios)
[ -e /usr/lib/ipxe/qemu/efi-virtio.rom ] || missing+=(ipxe-qemu)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ensure-e2e-tools: missing packages: ${missing[*]} (run as root or apt-get install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
