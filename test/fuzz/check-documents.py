"""Reads built seeds as JSON lines ({"seed", "files": {path: base64}}) and parses every document
cloudseed generates the way cloud-init does: JSON files with json; meta-data, network-config and
the generated cloud-config (alone, or the first part of a MIME multipart) with PyYAML's
safe_load. Prints one JSON line per document that does not load as a non-empty mapping. Texts the
user supplies (extra parts, vendor data given as a string, injected files) are passed on as they
are and not judged here."""
import base64
import email
import json
import sys

import yaml


def generated_cloud_config(text):
    """The cloud-config cloudseed generated: the whole user-data, or its first MIME part."""
    if not text.startswith("Content-Type: multipart/"):
        return text
    first = next(part for part in email.message_from_string(text).walk() if not part.is_multipart())
    if first.get_content_type() != "text/cloud-config":
        raise ValueError(f"the first part is {first.get_content_type()}, not the generated cloud-config")
    return first.get_payload(decode=True).decode("utf-8")


def check_mapping(value, what):
    if not isinstance(value, dict) or not value:
        raise ValueError(f"{what} is {type(value).__name__}, not a non-empty mapping")


def check_file(path, data):
    name = path.rsplit("/", 1)[-1]
    if path.startswith("openstack/content/"):
        return  # injected files: the user's bytes, any format
    text = data.decode("utf-8")
    if name.endswith(".json"):
        check_mapping(json.loads(text), "the JSON document")
    elif name in ("meta-data", "network-config"):
        check_mapping(yaml.safe_load(text), "the YAML document")
    elif name in ("user-data", "user_data"):
        cloud_config = generated_cloud_config(text)
        if not cloud_config.startswith("#cloud-config\n"):
            raise ValueError("the generated cloud-config does not start with its #cloud-config line")
        check_mapping(yaml.safe_load(cloud_config), "the generated cloud-config")


for line in sys.stdin:
    case = json.loads(line)
    for path, encoded in case["files"].items():
        try:
            check_file(path, base64.b64decode(encoded))
        except Exception as error:  # any failure to load is a finding
            print(json.dumps({"seed": case["seed"], "path": path, "error": f"{type(error).__name__}: {error}"}))
