"""The services a compose file declares (project/sidecars.py), and which run the project's own code (switches.py).

A service with `build:` makes its image from the repository, and one with no `image:` must (compose builds it):
the project's own app runs in that container, where `localhost` is the container itself. A compose file whose
services all name a published image (`image: redis:7-alpine`) runs only dependencies, for an app started beside
them on the host, which reaches the ports they publish on loopback. A service with `network_mode: host` shares the
host's network: there `localhost` is the host, as for an app started on it. Read line by line: a service is a key one
level under the top-level `services:`, its properties the keys one level under it.
"""

from __future__ import annotations

import re
from typing import Dict, List

_KEY = re.compile(r"^( *)(?:-[ \t]*)?[\"']?([\w.-]+)[\"']?[ \t]*:(?:[ \t]|$)")


def compose_services(text: str) -> Dict[str, Dict[str, str]]:
    """Each service's name -> its own properties (`image`, `build`, `environment`), each with the value its line
    gives (`network_mode: "host"` -> `host`; "" for a block)."""
    services: Dict[str, Dict[str, str]] = {}
    inside = False
    levels: List[int] = []  # the indentation of service names, then of their properties
    current = ""
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            inside, levels = line.split("#", 1)[0].rstrip() == "services:", []
            continue
        match = _KEY.match(line)
        if not inside or match is None:
            continue
        indent, key = len(match.group(1)), match.group(2)
        if not levels or indent == levels[0]:
            levels, current = [indent], key
            services[current] = {}
        elif len(levels) == 1 and indent > levels[0] or len(levels) == 2 and indent == levels[1]:
            levels = [levels[0], indent]
            services[current][key] = line[match.end():].split(" #", 1)[0].strip().strip("\"'")
    return services


def contains_own_code(text: str) -> bool:
    """A service of the compose file builds its image from the repository and runs it on a network of its own, not
    the host's (module docstring): one such service is enough, whatever network the others use."""
    return any(("build" in properties or "image" not in properties) and properties.get("network_mode") != "host"
               for properties in compose_services(text).values())
