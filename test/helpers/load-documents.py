"""Loads seed files as cloud-init does, for many seeds in one process.

Reads JSON lines {"case": id, "files": {path: base64}} on stdin. Each file is decoded as UTF-8,
then loaded: `*.json` with Python's json; every other file (meta-data, user-data, vendor-data,
network-config, user_data) with PyYAML's safe_load AND with cloud-init's own
cloudinit.util.load_yaml, which must agree (it returns None when PyYAML fails). Strings inside a
JSON document that start with "#cloud-config" (vendor_data.json) are loaded the same way, and
replaced by {"#cloud-config": loaded}. Prints one JSON line per file:
{"case", "path", "value"} or {"case", "path", "error"}; json.dumps escapes every non-ASCII
character, so the caller reads back exactly the strings Python holds.
"""
import base64
import json
import logging
import sys

import yaml
from cloudinit import util

logging.disable(logging.CRITICAL)


def load_yaml_twice(text):
    safe = yaml.safe_load(text)
    cloud_init = util.load_yaml(text, default=None, allowed=(dict, list, str, int, float, bool))
    if safe is not None and cloud_init != safe:
        raise ValueError("cloud-init's load_yaml does not give what yaml.safe_load gives")
    return safe


def expand_cloud_configs(value):
    if isinstance(value, str) and value.startswith("#cloud-config"):
        return {"#cloud-config": load_yaml_twice(value)}
    if isinstance(value, dict):
        return {key: expand_cloud_configs(item) for key, item in value.items()}
    if isinstance(value, list):
        return [expand_cloud_configs(item) for item in value]
    return value


def load_file(path, data):
    text = data.decode("utf-8")
    if path.endswith(".json"):
        return expand_cloud_configs(json.loads(text))
    return load_yaml_twice(text)


for line in sys.stdin:
    case = json.loads(line)
    for path, encoded in case["files"].items():
        try:
            answer = {"case": case["case"], "path": path, "value": load_file(path, base64.b64decode(encoded))}
        except Exception as error:  # any failure to load is a finding
            answer = {"case": case["case"], "path": path, "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer, default=str))
