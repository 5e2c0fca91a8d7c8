#!/usr/bin/python3
"""Reads VMware guestinfo keys with cloud-init's own DataSourceVMware and prints what it saw as JSON.

Usage: read-vmware.py ENV_FILE VMX_FILE
- ENV_FILE: KEY=VALUE lines for the datasource's envvar transport (VMX_GUESTINFO=1, ...). They are
  put into this process's environment and the datasource's get_data() reads them, as on a guest.
- VMX_FILE: `guestinfo.<key> = "<value>"` lines; each key is decoded with the datasource's own
  decode() by its `.encoding` line, as its guestinfo transport would.
The network config the datasource returns is parsed by cloud-init's network_state, which raises
on anything it cannot apply. No VMware tools or disks of this host are touched.
"""
import json
import os
import re
import sys
import tempfile

from cloudinit import distros, helpers, settings
from cloudinit.net import network_state
from cloudinit.sources import DataSourceVMware


def text(data):
    return data.decode("utf-8") if isinstance(data, bytes) else data


def read_vmx(path):
    keys = {}
    with open(path) as lines:
        for line in lines:
            match = re.fullmatch(r'(guestinfo\.[a-z.]+) = "([^"]*)"\n?', line)
            if not match:
                raise ValueError("not a guestinfo line: %r" % line)
            keys[match.group(1)] = match.group(2)
    decoded = {}
    for key, value in keys.items():
        if key.endswith(".encoding"):
            continue
        decoded[key] = text(DataSourceVMware.decode(key, keys.get(key + ".encoding"), value))
    return decoded


def read_envvar(path):
    with open(path) as lines:
        for line in lines:
            name, _, value = line.rstrip("\n").partition("=")
            os.environ[name] = value
    work = tempfile.mkdtemp(prefix="cloudseed-vmware-")
    paths = helpers.Paths({"cloud_dir": work, "run_dir": os.path.join(work, "run")})
    distro = distros.fetch("debian")("debian", settings.CFG_BUILTIN, paths)
    ds = DataSourceVMware.DataSourceVMware({}, distro, paths)
    found = ds.get_data()
    network = ds.network_config
    state = network_state.parse_net_config_data(network)
    return {
        "found": found,
        "subplatform": ds.subplatform,
        "instance_id": ds.get_instance_id(),
        "hostname": ds.get_hostname().hostname,
        "userdata_raw": text(ds.userdata_raw),
        "vendordata_raw": text(ds.vendordata_raw),
        "network_config": network,
        "interfaces": sorted(i["name"] for i in state.iter_interfaces()),
    }


if __name__ == "__main__":
    print(json.dumps({"envvar": read_envvar(sys.argv[1]), "vmx": read_vmx(sys.argv[2])}, default=str))
