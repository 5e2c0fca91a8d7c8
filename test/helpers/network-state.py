#!/usr/bin/python3
"""Parses network-config files with cloud-init's own network_state and prints, per file, what it
understood: each interface with its MAC and subnets, and every nameserver (global or per subnet),
as JSON. Two files that print the same configure the same network.

Usage: network-state.py FILE...
"""
import json
import sys

import yaml
from cloudinit.net import network_state


def summary(cfg):
    if isinstance(cfg, dict) and list(cfg) == ["network"]:
        cfg = cfg["network"]
    ns = network_state.parse_net_config_data(cfg)
    interfaces = []
    nameservers = list(ns.dns_nameservers)
    for iface in ns.iter_interfaces():
        subnets = []
        for subnet in iface.get("subnets", []):
            nameservers.extend(subnet.get("dns_nameservers", []))
            subnets.append({key: subnet.get(key) for key in ("type", "address", "prefix", "gateway")})
        interfaces.append({"name": iface["name"], "type": iface["type"], "mac": iface.get("mac_address"), "subnets": subnets})
    return {"interfaces": sorted(interfaces, key=lambda i: i["name"]), "nameservers": sorted(set(nameservers))}


print(json.dumps([summary(yaml.safe_load(open(path))) for path in sys.argv[1:]]))
