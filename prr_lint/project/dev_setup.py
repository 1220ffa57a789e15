"""The launch files only a developer's setup reads: what they give a variable no production deployment sees
(project/switches.py).

A development flag (`LOCAL_DEVELOPMENT = os.environ.get("LOCAL_DEVELOPMENT", "").lower() in ("1", "true")`) is
turned on by the files that build the developer's machine, and by nothing that deploys the service. Those are:

* a development compose file (dev_composes.py: a development name, a reloading server over mounted source, the
  project's images built from development Dockerfiles), and a Dockerfile only such files build, whose folder no
  other launch file names (a database seeding image beside the developer's stack);
* a file of a Dev Container (`.devcontainer/`: VS Code's container for editing the code);
* a start script that runs the service under a file-watching reloader (`watchfiles 'python main.py'`,
  `uvicorn app:app --reload`): it serves the checkout someone is editing;
* an environment sample (`.env.example`, `.env.sample`) whose `.env` a development compose file loads (`env_file:
  .env`) and no other launch file names (a start script's `source .env`, a unit's `EnvironmentFile=`, a production
  compose file's `env_file:`): the sample is the developer's template.

Everything else counts as a deployment: a Dockerfile's `ENV`, a production compose file, a Kubernetes manifest,
a Procfile, a workflow's deploy step, an `.env` sample a production compose file loads, a Heroku `app.json`'s
values (heroku_env.py).
"""

from __future__ import annotations

import os
import re
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Set, Tuple

from prr_lint.project.dev_composes import builds, development_compose, reloading_command
from prr_lint.env_eval import holds
from prr_lint.project.launchers import in_ci
from prr_lint.project.live_lines import COMPOSE_FILE
from prr_lint.project.shipped_values import shipped_values
from prr_lint.stamps import is_dependency_file
from prr_lint.switch_keys import ENV, ENV_MASK

_SAMPLE = re.compile(r"^\.env\.(?:example|sample|template|dist)$")
# A path naming a `.env` file (`env_file: .env`, `- ./.env`, `dotenv -f .env run`), not `.env.example`.
_ENV_FILE = re.compile(r"(?<![\w.-])((?:[\w.-]+/)*\.env)(?![\w.-])")


def development_files(launched: Mapping[str, Optional[str]]) -> FrozenSet[str]:
    """The launch files (path -> uncommented text) only a development setup reads (module docstring)."""
    texts: Dict[str, str] = {path: text or "" for path, text in launched.items()}
    development = {path for path, text in texts.items() if _development(path, text)}
    development |= _development_images(texts, development)
    loaders = {path: _ENV_FILE.findall(text) for path, text in texts.items() if not os.path.basename(path).startswith(".env")}
    for path in texts:
        if not _SAMPLE.match(os.path.basename(path)):
            continue
        target = os.path.join(os.path.dirname(os.path.abspath(path)), ".env")
        composes = {loader for loader, named in loaders.items() if COMPOSE_FILE.match(os.path.basename(loader))
                    and target in {os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(loader)), name)) for name in named}}
        # a compose file resolves `.env` from its own folder; any other file may run from anywhere: it names every `.env`
        others = {loader for loader, named in loaders.items() if named and not COMPOSE_FILE.match(os.path.basename(loader))}
        if composes and composes | others <= development:
            development.add(path)
    return frozenset(development)


def _development_images(texts: Mapping[str, str], development: Set[str]) -> Set[str]:
    """The Dockerfiles among `texts` only development compose files build, whose folder no other launch file names."""
    built: Dict[str, Set[str]] = {}
    for path, text in texts.items():
        for _, dockerfile in builds(path, text) if COMPOSE_FILE.match(os.path.basename(path)) else ():
            built.setdefault(dockerfile, set()).add(path)
    found = set()
    for path in texts:
        by = built.get(os.path.normpath(os.path.abspath(path)), set())
        folder = os.path.dirname(os.path.abspath(path))
        named = [os.path.relpath(folder, os.path.dirname(os.path.abspath(builder))) for builder in by]
        if by and by <= development and not any(name != os.curdir and name in text for other, text in texts.items()
                                                 if other not in development and other != path for name in named):
            found.add(path)
    return found


def _development(path: str, text: str) -> bool:
    """A development compose file, a Dev Container's file, or a start script running a reloader."""
    name = os.path.basename(path)
    if ".devcontainer" in os.path.normpath(path).split(os.sep):
        return True
    if COMPOSE_FILE.match(name):
        return development_compose(name, text, path)
    return name.endswith(".sh") and reloading_command(text)


class Deployments:
    """The launch files' texts, split into a developer's setup's and the rest (read when first asked)."""

    def __init__(self, launched: Mapping[str, Optional[str]]) -> None:
        self._launched = launched
        self._split: Optional[Tuple[List[str], bool, List[str]]] = None

    def _parts(self) -> Tuple[List[str], bool, List[str]]:
        if self._split is None:
            development = development_files(self._launched)
            kept = [path for path in self._launched if path not in development]
            self._split = ([text for text in map(self._launched.get, kept) if text],
                           any(not in_ci(path) and not is_dependency_file(path) for path in kept),
                           [text for path, text in self._launched.items() if path in development and text])
        return self._split

    def texts(self) -> List[str]:
        """The texts of the launch files but a developer's setup's: what they set, production never sees."""
        return self._parts()[0]

    def deployed(self) -> bool:
        """One of those deploys the service (not a CI pipeline, not a dependency list)."""
        return self._parts()[1]

    def development_on(self, values: Iterable[str]) -> bool:
        """A developer's setup gives the variable of one `env:NAME~MASK` among `values` a value that turns it on."""
        texts = self._parts()[2]
        for value in values:
            name, _, mask = value[len(ENV):].partition(ENV_MASK) if value.startswith(ENV) else ("", "", "")
            if mask and any(holds(mask, word) for word in shipped_values(texts, name, lower=False)):
                return True
        return False
