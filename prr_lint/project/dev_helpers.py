"""Programs only the development setup runs: a developer's local tool, not the service (scope.py).

A local development stack often starts a helper beside the service: a container that polls the API
and the UI until both answer and then prints where the stack is reachable (pawls's `sonar/ping.py`).
It loops and handles SIGTERM like a worker, but it runs on the developer's machine. Known by where it
runs, not by its name: its image is a development-only image, and nothing else runs it.

* A development-only image: a Dockerfile that a development compose file builds (dev_composes.py: a
  reloading server over mounted source, a development name), from a build context below the root
  that no other launch file names (no production compose, CI pipeline or manifest builds it: a
  `docker build sonar` step would), and that no Dockerfile or compose build in a folder above it can
  copy in (a root `COPY . .` image holds every program).
* The program's file lies inside that build context, a launch file of the image runs it (its `CMD`,
  by file path or `-m module`, schedules.Deployment), and no launch file outside the development
  setup (development compose files and development-only images left out) runs it.

A program a development compose runs by command line from an image the deployment also builds stays a
program: production may run it from that image with a command of its own (a worker a Helm chart
elsewhere starts).
"""

from __future__ import annotations

import os
import re
from typing import Dict, Sequence, Set

from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.dev_composes import builds, development_compose
from prr_lint.stamps import is_container_file
from prr_lint.project.live_lines import COMPOSE_FILE, read_launch_text
from prr_lint.project.schedules import Deployment, launch_files

_BATCH = "batch context"  # scope.py's reason for a task or command, which no image's CMD runs by path


def development_images(root: str, files: Sequence[str]) -> Dict[str, str]:
    """Development-only Dockerfiles (module docstring): absolute path -> build context folder."""
    if not any(COMPOSE_FILE.match(os.path.basename(path)) for path in files):
        return {}  # no compose file, nothing read
    texts = {os.path.abspath(path): read_launch_text(path) or "" for path in files}
    composes = {path: text for path, text in texts.items() if COMPOSE_FILE.match(os.path.basename(path))}
    development = {path for path, text in composes.items() if development_compose(os.path.basename(path), text, path)}
    built: Dict[str, Set[str]] = {}  # (context, Dockerfile) -> the compose files that build it
    for path, text in composes.items():
        for pair in builds(path, text):
            built.setdefault(pair, set()).add(path)
    contexts = {context for context, _ in built} | {os.path.dirname(path) for path in texts if is_container_file(path)}
    found: Dict[str, str] = {}
    for (context, dockerfile), by in built.items():
        if by - development or dockerfile not in texts or context == root or not context.startswith(root + os.sep):
            continue
        if any(context.startswith(other + os.sep) for other in contexts):
            continue  # an image built from a folder above may hold the program too
        named = re.compile(r"(?<![\w.-])(?:\./)?" + re.escape(os.path.relpath(context, root).replace(os.sep, "/")) + r"(?![\w-])")
        if any(named.search(text) for path, text in texts.items() if path not in by and not path.startswith(context + os.sep)):
            continue
        found[dockerfile] = context
    return found


def development_tools(analysis: ServingAnalysis, roots: Dict[str, str]) -> Set[str]:
    """The roots (name -> scope.py's reason) of programs only the development setup runs."""
    root = getattr(analysis.settings, "root", None)
    files = launch_files(analysis)
    if root is None or not files:
        return set()
    root = os.path.abspath(root)
    images = analysis.derived("development-images", lambda: development_images(root, files))
    candidates = {}
    for name, why in roots.items():
        module = analysis.module_of(name)
        where = os.path.join(root, module.path) if module is not None and why != _BATCH else ""
        if any(where.startswith(context + os.sep) for context in images.values()):
            candidates[name] = why
    if not candidates:
        return set()
    development = Deployment(analysis, list(images))
    deployed = Deployment(analysis, [path for path in files if os.path.abspath(path) not in images
                                     and not development_compose(os.path.basename(path), read_launch_text(path) or "", path)])
    return {name for name, why in candidates.items() if development.runs(name, why, set()) and not deployed.runs(name, why, set())}
