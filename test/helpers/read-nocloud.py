#!/usr/bin/python3
"""Reads a NoCloud seed folder with cloud-init's own DataSourceNoCloud and prints what it saw as JSON.

Usage: read-nocloud.py SEED_DIR   (the files of an extracted cidata image)
The folder is placed where cloud-init looks for a local seed (<cloud_dir>/seed/nocloud), and
device probing is switched off, so this host's disks are never touched.
"""
import json
import os
import shutil
import sys
import tempfile

from cloudinit import distros, helpers, settings
from cloudinit.sources import DataSourceNoCloud


def main(seed):
    work = tempfile.mkdtemp(prefix="cloudseed-nocloud-")
    try:
        paths = helpers.Paths({"cloud_dir": work, "run_dir": os.path.join(work, "run")})
        shutil.copytree(seed, os.path.join(paths.seed_dir, "nocloud"))
        sys_cfg = {"datasource": {"NoCloud": {"fs_label": None}}}
        distro = distros.fetch("debian")("debian", settings.CFG_BUILTIN, paths)
        ds = DataSourceNoCloud.DataSourceNoCloud(sys_cfg, distro, paths)
        found = ds.get_data()
        parts = []
        if found:
            for part in ds.get_userdata().walk():
                if part.get_content_maintype() == "multipart":
                    continue
                payload = part.get_payload(decode=True) or b""
                parts.append({
                    "type": part.get_content_type(),
                    "filename": part.get_filename(),
                    "content": payload.decode("utf-8", "replace"),
                })
        userdata_raw = ds.userdata_raw
        if isinstance(userdata_raw, bytes):
            userdata_raw = userdata_raw.decode("utf-8", "replace")
        print(json.dumps({
            "found": bool(found),
            "instance_id": ds.get_instance_id() if found else None,
            "hostname": ds.get_hostname().hostname if found else None,
            "metadata": ds.metadata if found else None,
            "userdata_raw": userdata_raw if found else None,
            "userdata_parts": parts,
            "network_config": ds.network_config if found else None,
        }, default=str))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1])
