"""Runs cloud-init's `devel net-convert` on many inputs in one Python process.

Each job goes through net_convert's own argument parser and handler, exactly as
`cloud-init devel net-convert ...` does, so the outputs are cloud-init's; the batch
only saves the ~0.5 s interpreter start-up per call. stdin: a JSON list of jobs
{"id", "path", "kind", "macs": [[name, mac], ...]}; stdout: a JSON object id ->
{"netplan": <parsed YAML> | null, "eni": <text> | null, "error": <text> | null}.
"""
import contextlib
import copy
import io
import json
import os
import sys
import tempfile
import traceback

import yaml
from cloudinit.cmd.devel import net_convert
from cloudinit.distros import debian

NETPLAN_FILE = "etc/netplan/50-cloud-init.yaml"
ENI_FILE = "etc/network/interfaces.d/50-cloud-init"
# handle_args edits the distro's class-level renderer settings in place (it strips the leading '/'
# of netplan_path), which a fresh process never notices; each call here starts from a pristine copy.
PRISTINE_RENDERER_CONFIGS = copy.deepcopy(debian.Distro.renderer_configs)


def convert(job, output_kind, out_dir):
    argv = ["-p", job["path"], "-k", job["kind"], "-D", "debian", "-O", output_kind, "-d", out_dir]
    for name, mac in job.get("macs", []):
        argv += ["-m", "%s,%s" % (name, mac)]
    args = net_convert.get_parser().parse_args(argv)
    debian.Distro.renderer_configs = copy.deepcopy(PRISTINE_RENDERER_CONFIGS)
    with contextlib.redirect_stderr(io.StringIO()):
        net_convert.handle_args("net-convert", args)


def run(job):
    result = {"netplan": None, "eni": None, "error": None}
    try:
        with tempfile.TemporaryDirectory() as out:
            convert(job, "netplan", os.path.join(out, "netplan"))
            with open(os.path.join(out, "netplan", NETPLAN_FILE)) as stream:
                result["netplan"] = yaml.safe_load(stream)
            convert(job, "eni", os.path.join(out, "eni"))
            with open(os.path.join(out, "eni", ENI_FILE)) as stream:
                result["eni"] = stream.read()
    except Exception:  # noqa: BLE001 - the test reports cloud-init's failure with its traceback
        result["error"] = traceback.format_exc()
    return result


def main():
    jobs = json.load(sys.stdin)
    json.dump({job["id"]: run(job) for job in jobs}, sys.stdout)


if __name__ == "__main__":
    main()
