#!/usr/bin/python3
"""Test-only: prints one JSON document of what cloud-init did to this guest.

Read by the host harness (test/e2e/facts.ts). Never prints a clear-text password: only the
shadow hash leaves the guest; the host re-hashes the spec's password with its salt.
"""
import argparse
import glob
import grp
import hashlib
import json
import os
import pwd
import re
import subprocess

# Paths the scenarios' write_files and runcmd touch; more come from the kernel command line.
FILE_GLOBS = ["/etc/motd", "/etc/cloudseed-e2e/**", "/var/lib/cloudseed-e2e/markers/*"]
NETWORK_GLOBS = [
    "/etc/network/interfaces",
    "/etc/network/interfaces.d/*",
    "/etc/netplan/*.yaml",
    "/etc/systemd/network/*",
    "/etc/udev/rules.d/70-persistent-net.rules",
    "/etc/NetworkManager/system-connections/*",
]
# cloud-init.log records start "2024-01-31 12:34:56,789 - module.py[LEVEL]: ...".
LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ - ")
PROBLEM_LEVELS = ("[WARNING]", "[DEPRECATED]", "[ERROR]", "[CRITICAL]")
FIRST_REGULAR_UID = 1000
NOBODY_UID = 65534


def read_text(path):
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return None


def read_json(path):
    text = read_text(path)
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError as error:
        return {"unparsable": str(error), "text": text}


def run(args):
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=60)
        return {"status": done.returncode, "stdout": done.stdout, "stderr": done.stderr}
    except (OSError, subprocess.TimeoutExpired) as error:
        return {"status": None, "stdout": "", "stderr": str(error)}


def run_json(args):
    result = run(args)
    try:
        return json.loads(result["stdout"])
    except ValueError:
        return result


def cloud_init_version():
    """What `cloud-init --version` prints, without starting the cloud-init command."""
    try:
        from cloudinit import version
    except ImportError as error:
        return "not importable: %s" % error
    return version.version_string()


def kernel_args():
    args = {}
    for word in (read_text("/proc/cmdline") or "").split():
        key, _, value = word.partition("=")
        args[key] = value
    return args


def expand(patterns):
    paths = []
    for pattern in patterns:
        for path in sorted(glob.glob(pattern, recursive=True)) or [pattern]:
            if path not in paths:
                paths.append(path)
    return paths


def describe_file(path):
    try:
        info = os.lstat(path)
    except OSError:
        return {"exists": False}
    if not os.path.isfile(path):
        return {"exists": True, "type": "dir" if os.path.isdir(path) else "other"}
    with open(path, "rb") as handle:
        data = handle.read()
    return {
        "exists": True,
        "type": "file",
        "mode": "%04o" % (info.st_mode & 0o7777),
        "owner": name_of(pwd.getpwuid, info.st_uid),
        "group": name_of(grp.getgrgid, info.st_gid),
        "sha256": hashlib.sha256(data).hexdigest(),
        "content": data.decode("utf-8", "replace"),
    }


def name_of(lookup, number):
    try:
        return lookup(number)[0]
    except KeyError:
        return str(number)


def shadow_hashes():
    hashes = {}
    for line in (read_text("/etc/shadow") or "").splitlines():
        fields = line.split(":")
        if len(fields) > 1:
            hashes[fields[0]] = fields[1]
    return hashes


def collect_users(extra_names):
    hashes = shadow_hashes()
    users = []
    for entry in pwd.getpwall():
        regular = FIRST_REGULAR_UID <= entry.pw_uid < NOBODY_UID
        if not regular and entry.pw_name not in extra_names:
            continue
        groups = run(["id", "-Gn", entry.pw_name])["stdout"].split()
        users.append({
            "name": entry.pw_name,
            "uid": entry.pw_uid,
            "gid": entry.pw_gid,
            "gecos": entry.pw_gecos,
            "home": entry.pw_dir,
            "shell": entry.pw_shell,
            "primary_group": name_of(grp.getgrgid, entry.pw_gid),
            "groups": groups,
            "authorized_keys": read_text(os.path.join(entry.pw_dir, ".ssh", "authorized_keys")),
            "shadow_hash": hashes.get(entry.pw_name),
        })
    return users


def log_records(log):
    """cloud-init.log split into records: a record line and its continuation lines (tracebacks)."""
    records = []
    for line in log.splitlines():
        if LOG_RECORD.match(line) or not records:
            records.append([line])
        else:
            records[-1].append(line)
    return records


def log_problems(log):
    """The cloud-init.log records at WARNING, DEPRECATED or worse, or carrying a traceback."""
    problems = []
    for record in log_records(log):
        if any(level in record[0] for level in PROBLEM_LEVELS) or any("Traceback" in line for line in record):
            problems.extend(record)
    return problems


def cloud_init_status():
    """`cloud-init status --long --format json`; where --format does not exist (cloud-init 20.4),
    the text form read into the same keys, with the errors of /run/cloud-init/status.json."""
    status = run_json(["cloud-init", "status", "--long", "--format", "json"])
    # run_json gives the command's output when stdout was not JSON; argparse names the option.
    if "stdout" not in status or "--format" not in status["stderr"]:
        return status
    text = run(["cloud-init", "status", "--long"])
    parsed = {"source": "text", "errors": []}
    for line in text["stdout"].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() in ("status", "detail", "time"):
            parsed[key.strip()] = value.strip()
    v1 = (read_json("/run/cloud-init/status.json") or {}).get("v1", {})
    for stage in v1.values():
        if isinstance(stage, dict):
            parsed["errors"].extend(stage.get("errors") or [])
    if "status" not in parsed:
        return text
    return parsed


def collect_bonds():
    """The kernel's view of each bond (/sys/class/net/<bond>/bonding)."""
    bonds = {}
    for path in sorted(glob.glob("/sys/class/net/*/bonding")):
        name = os.path.basename(os.path.dirname(path))
        bonds[name] = {
            key: (read_text(os.path.join(path, key)) or "").strip()
            for key in ("mode", "slaves", "primary", "miimon")
        }
    return bonds


def collect_vlans():
    """The 8021q driver's table: two header lines, then "name | id | link" rows."""
    vlans = {}
    for line in (read_text("/proc/net/vlan/config") or "").splitlines()[2:]:
        fields = [field.strip() for field in line.split("|")]
        if len(fields) == 3:
            vlans[fields[0]] = {"id": int(fields[1]), "link": fields[2]}
    return vlans


def collect_instance_data():
    data = read_json("/run/cloud-init/instance-data.json") or {}
    v1 = data.get("v1", {}) if isinstance(data, dict) else {}
    ds = data.get("ds", {}) if isinstance(data, dict) else {}
    return {"present": bool(data), "v1": v1, "ds_meta_data": ds.get("meta_data")}


def collect(boot_count, waited):
    args = kernel_args()
    extra_files = [p for p in args.get("cloudseed_e2e.files", "").split(",") if p]
    extra_users = [u for u in args.get("cloudseed_e2e.users", "").split(",") if u]
    return {
        "boot": {"count": boot_count, "waited_s": waited, "cmdline": read_text("/proc/cmdline")},
        "cloud_init": {
            "version": cloud_init_version(),
            "disabled": os.path.exists("/run/cloud-init/disabled"),
            # One `cloud-init` process where --format json exists: each costs seconds under TCG.
            "status": cloud_init_status(),
            "result_json": read_json("/run/cloud-init/result.json"),
            "status_json": read_json("/run/cloud-init/status.json"),
            "ds_identify_log": read_text("/run/cloud-init/ds-identify.log"),
            "log_problems": log_problems(read_text("/var/log/cloud-init.log") or ""),
        },
        "instance_data": collect_instance_data(),
        "instance_id": (read_text("/var/lib/cloud/data/instance-id") or "").strip() or None,
        "hostname": {
            "hostname": run(["hostname"])["stdout"].strip(),
            "fqdn": run(["hostname", "-f"])["stdout"].strip(),
            "etc_hostname": read_text("/etc/hostname"),
            "etc_hosts": read_text("/etc/hosts"),
        },
        "users": collect_users(extra_users),
        "sudoers": {path: read_text(path) for path in sorted(glob.glob("/etc/sudoers.d/*"))},
        "network": {
            "files": {path: read_text(path) for path in expand(NETWORK_GLOBS) if os.path.isfile(path)},
            "addresses": run_json(["ip", "-j", "addr"]),
            "links": run_json(["ip", "-j", "link"]),
            "routes4": run_json(["ip", "-j", "route"]),
            "routes6": run_json(["ip", "-j", "-6", "route"]),
            "resolv_conf": read_text("/etc/resolv.conf"),
            "bonds": collect_bonds(),
            "vlans": collect_vlans(),
        },
        "files": {path: describe_file(path) for path in expand(FILE_GLOBS + extra_files)},
        "semaphores": sorted(os.listdir("/var/lib/cloud/instance/sem"))
        if os.path.isdir("/var/lib/cloud/instance/sem") else [],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--boot-count", type=int, required=True)
    parser.add_argument("--waited", type=int, required=True)
    options = parser.parse_args()
    print(json.dumps(collect(options.boot_count, options.waited), sort_keys=True))


if __name__ == "__main__":
    main()
