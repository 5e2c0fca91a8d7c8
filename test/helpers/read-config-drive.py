#!/usr/bin/python3
"""Reads a config drive folder with cloud-init's own code and prints what it saw as JSON.

Usage: read-config-drive.py DRIVE_DIR [MAC=NAME ...]   (the files of an extracted config-2 image)

Three readers, from the lowest level up:
- openstack.ConfigDriveReader(DRIVE_DIR).read_v2(), and convert_net_json() on its network data with
  the given MAC -> interface name pairs standing in for the NICs of a guest;
- DataSourceConfigDrive.read_config_drive(DRIVE_DIR), what the datasource calls on a mounted drive;
- the DataSourceConfigDrive itself, with the folder as its local seed (<cloud_dir>/seed/config_drive),
  so no device is probed. Its first-boot step, which would write injected files and an ENI network
  config into this host, is replaced by one that records what it was given.
File contents are printed as base64 (they are bytes); everything else as JSON.
"""
import base64
import json
import os
import shutil
import sys
import tempfile

from cloudinit import distros, helpers, settings
from cloudinit.net import eni
from cloudinit.sources import DataSourceConfigDrive
from cloudinit.sources.helpers import openstack


def b64(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return base64.b64encode(data).decode("ascii")


def text(data):
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else data


def read_low_level(drive, known_macs):
    v2 = openstack.ConfigDriveReader(drive).read_v2()
    networkdata = v2.get("networkdata")
    return {
        "metadata": v2["metadata"],
        "userdata": b64(v2["userdata"]),
        "vendordata": v2.get("vendordata"),
        "networkdata": networkdata,
        "network_v1": openstack.convert_net_json(networkdata, known_macs=known_macs) if networkdata else None,
        "eni": v2.get("network_config"),
        "eni_v1": eni.convert_eni_data(v2["network_config"]) if v2.get("network_config") else None,
        "files": {path: b64(content) for path, content in v2["files"].items()},
        "dsmode": v2.get("dsmode"),
    }


def read_with_datasource(drive, known_macs):
    work = tempfile.mkdtemp(prefix="cloudseed-configdrive-")
    first_boot = []
    try:
        paths = helpers.Paths({"cloud_dir": work, "run_dir": os.path.join(work, "run")})
        shutil.copytree(drive, os.path.join(paths.seed_dir, "config_drive"))
        DataSourceConfigDrive.on_first_boot = lambda data, distro=None, network=True: first_boot.append(
            {"files": {path: b64(content) for path, content in (data.get("files") or {}).items()}, "network": network}
        )
        distro = distros.fetch("debian")("debian", settings.CFG_BUILTIN, paths)
        ds = DataSourceConfigDrive.DataSourceConfigDrive({}, distro, paths)
        found = ds.get_data()
        if not found:
            return {"found": False}
        ds.known_macs = known_macs
        parts = []
        for part in ds.get_userdata().walk():
            if part.get_content_maintype() == "multipart":
                continue
            parts.append({
                "type": part.get_content_type(),
                "filename": part.get_filename(),
                "content": b64(part.get_payload(decode=True) or b""),
            })
        return {
            "found": True,
            "dsmode": ds.dsmode,
            "instance_id": ds.get_instance_id(),
            "hostname": ds.get_hostname().hostname,
            "fqdn": ds.get_hostname(fqdn=True).hostname,
            "public_keys": ds.get_public_ssh_keys(),
            "userdata_raw": b64(ds.userdata_raw),
            "userdata_parts": parts,
            "vendordata_raw": text(ds.vendordata_raw),
            "network_config": ds.network_config,
            "files": {path: b64(content) for path, content in ds.files.items()},
            "first_boot": first_boot,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(drive, mac_pairs):
    known_macs = dict(pair.split("=", 1) for pair in mac_pairs)
    read = DataSourceConfigDrive.read_config_drive(drive)
    print(json.dumps({
        "reader": read_low_level(drive, known_macs),
        "read_config_drive": {"version": read["version"], "metadata": read["metadata"], "userdata": b64(read["userdata"])},
        "datasource": read_with_datasource(drive, known_macs),
    }, default=str))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
