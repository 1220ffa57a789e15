"""Apps that run as an internal sidecar container the service calls itself (PRR201).

An app in a program directory of its own that carries its compose file (`integrations/bbot/
compose.yml`), whose services only `expose` their ports on the compose network (no `ports:` publishes
one to the host), and that other code of the project calls by that service's host name
(`url = "http://bbot_analyzer:5001/run"`) is a helper of the service, as a program it starts as a
child process is (project/child_apps.py): no user reaches it, and the caller's own handling records
each call's outcome. A compose file at the repository's root describes the service itself and does
not count.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, List, Optional

from prr_lint.project.compose_services import compose_services
from prr_lint.project.distributions import relative
from prr_lint.project.index import ProjectIndex
from prr_lint.project.live_lines import COMPOSE_FILE, read_launch_text
from prr_lint.project.texts import read_bounded
from prr_lint.tree_reads import list_folder

def _compose_services(text: str) -> Optional[List[str]]:
    """The services a compose file declares, or None when one publishes a port to the host."""
    services = compose_services(text)
    return None if any("ports" in properties for properties in services.values()) else list(services)


def _program_services(root: Path, path: str) -> List[str]:
    """The internal services of the compose files in the app's program directories (below the root)."""
    found: List[str] = []
    directory = os.path.dirname(relative(path, root))  # below the root; an app outside it has no program directory
    while directory and not directory.startswith(".."):
        listed = list_folder(root / directory)
        for name in listed.files if listed is not None else ():
            if COMPOSE_FILE.match(name):
                services = _compose_services(read_launch_text(str(root / directory / name)) or "")
                if services is None:
                    return []
                found.extend(services)
        directory = os.path.dirname(directory)
    return found


def is_sidecar_app(index: ProjectIndex, root: Optional[Path], path: str, served: Iterable[str]) -> bool:
    """The app at `path` runs as an internal sidecar that other project code calls (module docstring)."""
    if root is None or "/" not in path:
        return False
    root = Path(root)
    services = _program_services(root, path)
    if not services:
        return False
    program = os.path.dirname(path) + "/"
    if not any(not other.startswith(program) for other in served):
        return False  # the program holds every route: it is the service
    addressed = re.compile(r"://(" + "|".join(map(re.escape, services)) + r")[:/\"']")
    return any(addressed.search(read_bounded(str(root / module.path)) or "")
               for module in index.modules.values() if not module.path.startswith(program))
