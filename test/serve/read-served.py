"""Reads a running `cloudseed serve` with cloud-init's own readers (Debian's cloud-init package):
NoCloud's seed fetch (util.read_seeded), the OpenStack metadata reader and the EC2 crawler.
Prints one JSON document: what each reader got.

usage: read-served.py BASE_URL NOCLOUD_PATH
"""
import json
import sys

from cloudinit import util
from cloudinit.sources.helpers import ec2, openstack

base, nocloud_path = sys.argv[1].rstrip("/"), sys.argv[2]


def text(value):
    return value.decode() if isinstance(value, bytes) else value


md, ud, vd = util.read_seeded(f"{base}/{nocloud_path}/", timeout=5, retries=0)
reader = openstack.MetadataReader(base, timeout=5, retries=0)
os_result = reader.read_v2()
ec2_meta = ec2.get_instance_metadata("latest", base, timeout=5, retries=0)
ec2_user = ec2.get_instance_userdata("latest", base, timeout=5, retries=0)
print(
    json.dumps(
        {
            "nocloud": {"meta-data": md, "user-data": text(ud), "vendor-data": text(vd)},
            "openstack": {
                "version": os_result.get("version"),
                "metadata": os_result.get("metadata"),
                "userdata": text(os_result.get("userdata")),
                "networkdata": os_result.get("networkdata"),
            },
            "ec2": {"meta": ec2_meta, "user-data": text(ec2_user)},
        },
        default=str,
    )
)
