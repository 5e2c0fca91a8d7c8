#!/usr/bin/env bash
# Builds one end-to-end guest: a Debian minbase root of the given suite (bullseye, bookworm,
# trixie) with cloud-init and the test-only facts reporter, as an ext4 raw image plus the kernel
# and initramfs taken from that root (QEMU boots them with -kernel/-initrd, so the image needs no
# boot loader).
#
# Usage: build-guest.sh SUITE
# Output: $CLOUDSEED_E2E_CACHE/guest-SUITE-<hash>/{guest.img,vmlinuz,initrd.img}; the cache lives
# outside the checkout (default ~/.cache/cloudseed/e2e) so fresh clones on one machine share it.
# The hash covers the suite, this script, customize-guest.sh, the suite's package lists and the
# guest files, so an unchanged guest is never rebuilt. Prints the folder.
# Needs root (mmdebstrap --mode=root) and the tools of scripts/ensure-e2e-tools.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
guest="$here/guest"
suite=${1:?usage: build-guest.sh bullseye|bookworm|trixie}
case "$suite" in
  bullseye | bookworm | trixie) ;;
  *) echo "build-guest.sh: unknown suite '$suite' (bullseye, bookworm or trixie)" >&2; exit 2 ;;
esac
cache=${CLOUDSEED_E2E_CACHE:-${HOME:?}/.cache/cloudseed/e2e}
# The common list, then the suite's own (packages that differ between suites).
package_lists=(guest/packages.txt "guest/packages-$suite.txt")
mirror=${CLOUDSEED_E2E_MIRROR:-http://deb.debian.org/debian}
# Free room on the root filesystem for what cloud-init and the scenarios write.
free_mib=256

hash_inputs() {
  {
    echo "$suite"
    (cd "$here" && sha256sum build-guest.sh customize-guest.sh "${package_lists[@]}")
    (cd "$guest/files" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
    (cd "$guest/files" && find . -print0 | sort -z | xargs -0 stat -c '%n %a')
    echo "$mirror"
  } | sha256sum | cut -c1-16
}

key=$(hash_inputs)
out="$cache/guest-$suite-$key"
if [ -s "$out/guest.img" ] && [ -s "$out/vmlinuz" ] && [ -s "$out/initrd.img" ]; then
  echo "$out"
  exit 0
fi

mkdir -p "$cache"
# Parallel test processes share one build: the first takes the lock, the others find its result.
exec 9>"$cache/build-$suite.lock"
flock 9
if [ -s "$out/guest.img" ]; then
  echo "$out"
  exit 0
fi

# Holding the lock, any build folder left is from a build that was killed. --one-file-system:
# never follow a proc/sys/dev mount that killed build may have left in its chroot.
rm -rf --one-file-system "$cache"/build-"$suite"-*
work=$(mktemp -d "$cache/build-$suite-$key.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT
root="$work/root"
packages=$(cd "$here" && cat "${package_lists[@]}" | grep -v '^#' | xargs | tr ' ' ',')

# --mode=root: we are root on a VM whose kernel allows the chroot's proc/sys mounts.
# Guest files go in before the packages, so initramfs-tools generates the initramfs with our
# module list at kernel install; force-confold keeps our /etc/initramfs-tools/modules (a conffile).
mmdebstrap --mode=root --variant=minbase --include="$packages" \
  --aptopt='Acquire::Languages "none"' \
  --dpkgopt='force-confold' --dpkgopt='force-confdef' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --dpkgopt='path-exclude=/usr/share/lintian/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/drivers/gpu/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/drivers/media/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/drivers/net/wireless/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/drivers/net/ethernet/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/drivers/infiniband/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/drivers/staging/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/drivers/iio/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/sound/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/net/wireless/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/net/mac80211/*' \
  --dpkgopt='path-exclude=/lib/modules/*/kernel/net/bluetooth/*' \
  --essential-hook="cp -a --no-preserve=ownership '$guest/files/.' \"\$1/\"" \
  --customize-hook="bash '$here/customize-guest.sh' \"\$1\" '$suite'" \
  "$suite" "$root" "$mirror" >&2

mkdir -p "$work/out"
cp "$root"/boot/vmlinuz-* "$work/out/vmlinuz"
cp "$root"/boot/initrd.img-* "$work/out/initrd.img"
size_mib=$(( $(du -sm "$root" | cut -f1) * 11 / 10 + free_mib ))
truncate -s "${size_mib}M" "$work/out/guest.img"
mke2fs -q -t ext4 -L cloudseed-e2e -d "$root" "$work/out/guest.img" >&2
rm -rf "$out"
mv "$work/out" "$out"
# This suite's guests built from older inputs are never booted again.
find "$cache" -maxdepth 1 -name "guest-$suite-*" ! -name "guest-$suite-$key" -exec rm -rf {} +
echo "$out"
