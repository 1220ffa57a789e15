"""The services a compose file declares (project/sidecars.py), and which run the project's own code (switches.py).

A service with `build:` makes its image from the repository, and one with no `image:` must (compose builds it):
the project's own app runs in that container, where `localhost` is the container itself. A compose file whose
services all name a published image (`image: redis:7-alpine`) runs only dependencies, for an app started beside
them on the host, which reaches the ports they publish on loopback. Read line by line: a service is a key one
level under the top-level `services:`, its properties the keys one level under it.
"""

from __future__ import annotations

import re
from typing import Dict, List, Set

_KEY = re.compile(r"^( *)(?:-[ \t]*)?[\"']?([\w.-]+)[\"']?[ \t]*:(?:[ \t]|$)")


def compose_services(text: str) -> Dict[str, Set[str]]:
    """Each service's name -> the names of its own properties (`image`, `build`, `environment`)."""
    services: Dict[str, Set[str]] = {}
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
            services[current] = set()
        elif len(levels) == 1 and indent > levels[0] or len(levels) == 2 and indent == levels[1]:
            levels = [levels[0], indent]
            services[current].add(key)
    return services


def runs_own_code(text: str) -> bool:
    """A service of the compose file builds its image from the repository (module docstring)."""
    return any("build" in properties or "image" not in properties for properties in compose_services(text).values())
