#!/usr/bin/python3
"""Reads seed folders with the cloud-init installed where it runs and reports every WARNING or
deprecation that cloud-init logs about them. Meant to run inside a Debian root (chroot) that
carries the cloud-init version under test; see check-seeds.sh.

Usage: cloud-init-check.py SEEDS_DIR
SEEDS_DIR holds one folder per seed, named `<datasource>--<case>` (nocloud, configdrive, ovirt),
with the seed's files. For each seed:
- the datasource (DataSourceNoCloud or DataSourceConfigDrive) reads the folder as its local seed,
  so no device is probed, and gives its user-data and network config (the property a boot uses);
- every cloud-config part goes through cloud-init's schema validation as a boot runs it (with
  deprecations logged, where the version has that);
- the network config goes through the network-config schema (24.x+), then cloud-init's own
  parser and each renderer this version has (ENI, netplan, networkd, NetworkManager) writing
  into a scratch folder.
Every log record at WARNING or above (25.x logs deprecations at its own DEPRECATED level, above
WARNING) is collected. Two warnings that only a boot reaches are looked for in the cloud-config
itself, as the code that logs them decides:
- an `output` setting other than the one the root's /etc/cloud config has: cmd/main.py logs
  "Stdout, stderr changing to ..." in every stage;
- a user (the `user:` default user included) with `lock_passwd: false` and no password of its own:
  Distro.create_user logs "Not unlocking password..." (24.3+; a password set later by
  cc_set_passwords does not count).
Prints one JSON line per seed; exits 1 when any seed has a finding.
"""
import json
import logging
import os
import shutil
import sys
import tempfile

from cloudinit import distros, helpers, settings, util
from cloudinit.config import schema
from cloudinit.distros import ug_util
from cloudinit.net import network_state
from cloudinit.sources import DataSourceConfigDrive, DataSourceNoCloud

try:
    from cloudinit.version import version_string
except ImportError:  # pragma: no cover
    version_string = lambda: "unknown"  # noqa: E731


class Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        # A chroot has no /sys: DMI reads fail whatever the seed (cloud-init 20.4 warns about it).
        if record.name == "cloudinit.dmi" and "/sys/class/dmi/id" in record.getMessage():
            return
        self.records.append("%s %s: %s" % (record.levelname, record.name, record.getMessage()))


def read_datasource(kind, seed, work):
    paths = helpers.Paths({"cloud_dir": work, "run_dir": os.path.join(work, "run")})
    os.makedirs(paths.run_dir, exist_ok=True)
    distro = distros.fetch("debian")("debian", settings.CFG_BUILTIN, paths)
    if kind == "nocloud":
        shutil.copytree(seed, os.path.join(paths.seed_dir, "nocloud"))
        ds = DataSourceNoCloud.DataSourceNoCloud({"datasource": {"NoCloud": {"fs_label": None}}}, distro, paths)
    else:
        shutil.copytree(seed, os.path.join(paths.seed_dir, "config_drive"))
        # The first-boot step would write injected files into this root; nothing to check there.
        DataSourceConfigDrive.on_first_boot = lambda data, distro=None, network=True: None
        ds = DataSourceConfigDrive.DataSourceConfigDrive({}, distro, paths)
    if not ds.get_data():
        raise RuntimeError("the datasource found no seed")
    if kind != "nocloud":
        # The NICs of a guest: every MAC network_data.json names, under the name it gives.
        links = (ds.network_json or {}).get("links", []) if ds.network_json not in (None, getattr(ds, "UNSET", None)) else []
        ds.known_macs = {l["ethernet_mac_address"].lower(): l.get("name", l["id"]) for l in links if l.get("ethernet_mac_address")}
    return ds


def cloud_config_parts(ds):
    for part in ds.get_userdata().walk():
        if part.get_content_type() == "text/cloud-config":
            yield util.load_yaml(part.get_payload(decode=True).decode("utf-8"))


def validate(config, schema_type=None):
    kwargs = {"strict": False}
    if schema_type is not None:
        kwargs["schema_type"] = schema_type
    try:
        return schema.validate_cloudconfig_schema(config, schema.get_schema(), log_deprecations=True, **kwargs)
    except TypeError:  # 20.4 / 22.4: fewer keywords
        kwargs.pop("schema_type", None)
        return schema.validate_cloudconfig_schema(config, schema.get_schema(), **kwargs)


def forget_logged_deprecations():
    """cloud-init logs each deprecation once per process; every seed must be judged afresh."""
    for module_name in ("cloudinit.lifecycle", "cloudinit.util"):
        try:
            module = __import__(module_name, fromlist=["deprecate"])
        except ImportError:  # before 24.1
            continue
        deprecate = getattr(module, "deprecate", None)
        if deprecate is not None and hasattr(deprecate, "log"):
            deprecate.log = set()


PASSWORD_KEYS = ("passwd", "hashed_passwd", "plain_text_passwd")


def boot_only_findings(config, base_cfg, distro):
    findings = []
    if "output" in config and config["output"] != base_cfg.get("output"):
        findings.append("WARNING boot: output %r differs from the image's %r (\"Stdout, stderr changing to\" in every stage)" % (config["output"], base_cfg.get("output")))
    users, _groups = ug_util.normalize_users_groups(json.loads(json.dumps(config)), distro)
    if tuple(int(part) for part in version_string().split(".")[:2]) < (24, 3):
        return findings
    for name, settings_ in users.items():
        if settings_.get("lock_passwd", True) is False and not any(key in settings_ for key in PASSWORD_KEYS) and name != "root":
            findings.append("WARNING boot: user %s has lock_passwd: false and no password of its own (\"Not unlocking password\", 24.3+)" % name)
    return findings


def renderers():
    found = []
    for module, name in (("eni", "eni"), ("netplan", "netplan"), ("networkd", "networkd"), ("network_manager", "network-manager")):
        try:
            mod = __import__("cloudinit.net." + module, fromlist=["Renderer"])
            found.append((name, mod.Renderer))
        except ImportError:
            continue
    return found


def check_network(netcfg, work):
    network_type = getattr(getattr(schema, "SchemaType", None), "NETWORK_CONFIG", None)
    if network_type is not None:
        schema.validate_cloudconfig_schema(netcfg, schema_type=network_type, strict=False, log_details=True)
    rendered = []
    for name, renderer in renderers():
        # Parsed afresh for each renderer: rendering may change the state (with 22.4, NetworkManager
        # fails on a state the other renderers have been through, not on a fresh one).
        state = network_state.parse_net_config_data(json.loads(json.dumps(netcfg)))
        target = tempfile.mkdtemp(dir=work, prefix=name)
        config = {"netplan_path": "/etc/netplan/50-cloud-init.yaml", "postcmds": False}
        r = renderer(config=config) if name in ("netplan", "eni") else renderer()
        try:
            r.render_network_state(state, target=target)
        except TypeError:
            r.render_network_state(network_state=state, target=target)
        rendered.append(name)
    return rendered


def check_seed(kind, seed):
    collector = Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    root.setLevel(logging.DEBUG)
    work = tempfile.mkdtemp(prefix="cloudseed-check-")
    result = {"seed": os.path.basename(seed), "cloud_init": version_string()}
    forget_logged_deprecations()
    boot = []
    try:
        ds = read_datasource(kind, seed, work)
        parts = list(cloud_config_parts(ds))
        base_cfg = util.read_conf_with_confd("/etc/cloud/cloud.cfg")
        for config in parts:
            validate(config)
            boot.extend(boot_only_findings(config, base_cfg, ds.distro))
        result["cloud_config_parts"] = len(parts)
        netcfg = ds.network_config
        result["network"] = None if netcfg is None else netcfg.get("version")
        if netcfg is not None:
            result["renderers"] = check_network(netcfg, work)
    except Exception as error:  # a crash is a finding too
        collector.records.append("EXCEPTION %s: %s" % (type(error).__name__, error))
    finally:
        root.removeHandler(collector)
        shutil.rmtree(work, ignore_errors=True)
    result["findings"] = collector.records + boot
    return result


def main(seeds_dir):
    failed = False
    for name in sorted(os.listdir(seeds_dir)):
        kind = name.split("--", 1)[0]
        result = check_seed(kind, os.path.join(seeds_dir, name))
        failed = failed or bool(result["findings"])
        print(json.dumps(result, sort_keys=True))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
