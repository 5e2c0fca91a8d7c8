#!/usr/bin/python3
"""Runs cloud-init's own user and password handling on a cloud-config and prints what it would do.

Usage: set-passwords.py CLOUD_CONFIG_FILE

- ug_util.normalize_users_groups: which user is the default user (the one `user:` names and
  public_keys go to) and the settings every user ends up with, for a Debian image whose
  default_user is `debian` (as Debian's /etc/cloud/cloud.cfg has it);
- cc_set_passwords.handle: which passwords it sets, whether it treats each as a hash, and which it
  expires. The distro records those calls instead of running chpasswd, and the sshd_config step
  is recorded too, so nothing on this host changes.
"""
import json
import logging
import sys

import yaml
from cloudinit import distros, helpers
from cloudinit.config import cc_set_passwords
from cloudinit.distros import ug_util

DEBIAN_DEFAULT_USER = {
    "name": "debian",
    "lock_passwd": True,
    "gecos": "Debian",
    "groups": ["adm", "audio", "cdrom", "dialout", "dip", "floppy", "netdev", "plugdev", "sudo", "video"],
    "sudo": ["ALL=(ALL) NOPASSWD:ALL"],
    "shell": "/bin/bash",
}


class RecordingDebian(distros.fetch("debian")):
    def __init__(self, paths):
        super().__init__("debian", {"default_user": DEBIAN_DEFAULT_USER}, paths)
        self.calls = {"chpasswd": [], "expired": []}

    def chpasswd(self, plist_in, hashed):
        self.calls["chpasswd"].extend({"user": user, "password": password, "hashed": hashed} for user, password in plist_in)

    def expire_passwd(self, user):
        self.calls["expired"].append(user)


class Cloud:
    def __init__(self, distro):
        self.distro = distro


def main(path):
    with open(path, encoding="utf-8") as f:
        cfg = yaml.safe_load(f)
    distro = RecordingDebian(helpers.Paths({"cloud_dir": "/nonexistent", "run_dir": "/nonexistent"}))
    users, _groups = ug_util.normalize_users_groups(json.loads(json.dumps(cfg)), distro)
    default_name, _ = ug_util.extract_default(json.loads(json.dumps(users)))
    ssh_pwauth = []
    cc_set_passwords.handle_ssh_pwauth = lambda value, distro: ssh_pwauth.append(value)
    cc_set_passwords.handle("set_passwords", cfg, Cloud(distro), logging.getLogger("set-passwords"), [])
    print(json.dumps({
        "default_user": default_name,
        "users": users,
        "chpasswd": distro.calls["chpasswd"],
        "expired": distro.calls["expired"],
        "ssh_pwauth": ssh_pwauth,
    }, default=str))


if __name__ == "__main__":
    main(sys.argv[1])
