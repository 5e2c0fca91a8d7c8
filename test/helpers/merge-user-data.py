#!/usr/bin/python3
"""Merges a user-data file with cloud-init's own code and prints the cloud-config it would act on.

Usage: merge-user-data.py USER_DATA_FILE
The user-data goes through cloud-init's UserDataProcessor (MIME parts, #include, ...) and then its
cloud-config and jinja part handlers, as Init._do_handlers walks them at boot: every cloud-config
part is merged in order with the mergers its Merge-Type header or merge_how key asks for (or
cloud-init's default). Printed as JSON: the merged cloud-config, and the users and groups
cloud-init's ug_util makes of it for a Debian image whose default user is `debian`.
"""
import copy
import json
import os
import shutil
import sys
import tempfile

from cloudinit import distros, handlers, helpers, user_data
from cloudinit.distros import ug_util
from cloudinit.handlers.cloud_config import CloudConfigPartHandler
from cloudinit.handlers.jinja_template import JinjaTemplatePartHandler
from cloudinit.settings import PER_INSTANCE

DEFAULT_USER = {"name": "debian", "lock_passwd": True, "groups": ["sudo"], "shell": "/bin/bash"}
# What the jinja handler renders templates with (instance-data-sensitive.json at boot).
INSTANCE_DATA = {"v1": {"local_hostname": "web01", "instance_id": "i-merge-test"}, "ds": {}}


def merge(raw):
    work = tempfile.mkdtemp(prefix="cloudseed-merge-")
    try:
        paths = helpers.Paths({"cloud_dir": os.path.join(work, "cloud"), "run_dir": os.path.join(work, "run")})
        os.makedirs(paths.run_dir)
        with open(paths.get_runpath("instance_data_sensitive"), "w") as f:
            json.dump(INSTANCE_DATA, f)
        message = user_data.UserDataProcessor(paths).process(raw)
        cloud_config = CloudConfigPartHandler(paths)
        registry = helpers.ContentHandlers()
        for handler in [cloud_config, JinjaTemplatePartHandler(paths, sub_handlers=[cloud_config])]:
            registry.register(handler, overwrite=False)
        for handler in [cloud_config]:
            handlers.call_begin(handler, None, PER_INSTANCE)
        part_data = {
            "handlers": registry,
            "handlerdir": os.path.join(work, "handlers"),
            "data": None,
            "frequency": PER_INSTANCE,
            "handlercount": 0,
            "excluded": [],
        }
        handlers.walk(message, handlers.walker_callback, data=part_data)
        # Read before call_end, which writes the merged config out and resets the handler.
        config = cloud_config.cloud_buf or {}
        distro = distros.fetch("debian")("debian", {"default_user": DEFAULT_USER}, paths)
        # normalize_users_groups edits the entries it reads.
        users, groups = ug_util.normalize_users_groups(copy.deepcopy(config), distro)
        return {"cloud_config": config, "users": users, "groups": groups}
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        print(json.dumps(merge(f.read()), default=str))
