#!/usr/bin/env bash
# mmdebstrap customize hook of build-guest.sh: runs on the host as root with the guest's root
# folder as $1 and the suite as $2, after every package is installed.
set -euo pipefail
root=$1
suite=$2

chroot "$root" systemctl enable cloudseed-e2e-facts.service
# Timers and checks that cost boot time under TCG and test nothing of ours.
chroot "$root" systemctl mask apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer \
  e2scrub_all.timer e2scrub_reap.service fstrim.timer getty@tty1.service

# Guests with more than one network stack (trixie) start with none but ifupdown enabled; the
# boot's kernel arguments start the one it renders for (boot-seed.ts rendererKernelArgs), so only
# one stack manages the NICs.
for unit in NetworkManager.service NetworkManager-wait-online.service NetworkManager-dispatcher.service \
  systemd-networkd.service systemd-networkd.socket systemd-networkd-wait-online.service; do
  if [ -e "$root/lib/systemd/system/$unit" ] || [ -e "$root/usr/lib/systemd/system/$unit" ]; then
    chroot "$root" systemctl disable "$unit"
  fi
done

# Each instance gets its own host keys from cloud-init; the image ships none.
rm -f "$root"/etc/ssh/ssh_host_*
# The locale cloud-init's locale module asks for by default, generated now rather than at each
# boot (locale-gen takes long seconds under TCG).
echo 'en_US.UTF-8 UTF-8' > "$root/etc/locale.gen"
chroot "$root" locale-gen
echo 'LANG=en_US.UTF-8' > "$root/etc/default/locale"
# A hostname cloud-init did not set stays visibly unset.
echo localhost > "$root/etc/hostname"
: > "$root/etc/resolv.conf"

# ds-identify runs before udev coldplug: the seed's drivers must come from the initramfs.
initrd=$(echo "$root"/boot/initrd.img-*)
listing=$(chroot "$root" lsinitramfs "/boot/$(basename "$initrd")")
# Newer kernels build some of these in (modules.builtin) instead of shipping a module.
builtin=$(cat "$root"/lib/modules/*/modules.builtin)
for module in virtio_pci virtio_blk virtio_net ata_piix sr_mod cdrom isofs vfat nls_cp437 ext4; do
  grep -q "/$module\.ko" <<<"$listing$builtin" || { echo "initramfs lacks $module.ko" >&2; exit 1; }
done
echo "customize-guest.sh: $suite guest ready" >&2
grep -q 'source /etc/network/interfaces.d/' "$root/etc/network/interfaces" \
  || { echo "/etc/network/interfaces does not source interfaces.d (cloud-init writes there)" >&2; exit 1; }
