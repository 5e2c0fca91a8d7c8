"""Prints, for each JSON string on stdin (one a line), the tag PyYAML's implicit resolvers give
that text written as a plain scalar: what cloud-init's safe_load would make of it."""
import json
import sys

import yaml

resolver = yaml.resolver.Resolver()
for line in sys.stdin:
    print(resolver.resolve(yaml.ScalarNode, json.loads(line), (True, False)))
