"""The AWS Lambda handlers a Chalice project deploys: its app module, every handler of which is a Lambda.

`chalice deploy` packages the project folder (the one holding `.chalice/config.json`) and loads its
`app.py`, whose module-level `app` (Chalice's loader takes `getattr(app_module, "app")`) registers the
handlers: routes behind API Gateway, `lambda_function`, `schedule`, `on_s3_event`, `on_sqs_message` and
the other event sources, each deployed as (or inside) a Lambda function stopped at the config's
`lambda_timeout` (top level, per stage or per function; Chalice's `DEFAULT_LAMBDA_TIMEOUT`, 60 s, when
unset). The module counts when it binds `app` at its top level, by a constructor or an import (a star
import too: `from monitor.schedules import *`), whatever the class: a library's subclass of Chalice
(chalice-spec's `ChaliceWithSpec`, whose ancestry is not in the project: t-performance-dash) is loaded
the same way; or when it binds an object of a resolved
Chalice class under another name (`chalice.Chalice`, a project subclass, domovoi's `Domovoi`, a Chalice
subclass whose `domovoi deploy` runs the same packaging). The config may be generated at build time: a
file of `.chalice` named for it (`config.json.template.py`, `config.json.j2`) that the build renders into
`config.json` marks the folder as well. An `app.py` with no such app, or one in a folder whose `.chalice`
holds neither the config nor a template of it, is no Chalice deployment and counts for nothing. Nor does
any app of a project whose launch file (development ones included, as for a module one runs by name:
lambda_modules.py) runs `chalice local`: that development server serves the app in a process no Lambda
timeout stops.

Chalice packages the folder's `app.py`, its `chalicelib` package and the contents of its `vendor`
folder, often links to the project's shared sources (`vendor/pkg -> ../../src/pkg`): the app's imports
reach them by dotted name (lambda_modules.code_closure), so what the app imports from there is in
the Lambda's closure too. An app a library provides may run project modules that no import reaches: the
library loads them by name (chalice_registered.py).
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Sequence

from prr_lint.model import ModuleSummary
from prr_lint.project.chalice_registered import registered_modules
from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import Handlers
from prr_lint.project.live_lines import logical_lines, read_launch_text
from prr_lint.project.names import class_ancestors, resolve_name
from prr_lint.tree_reads import list_folder

_APP = "app"  # the name Chalice's loader takes from the app module
_CHALICE_COMMAND, _LOCAL = "chalice", "local"  # Chalice's CLI and its development server command
_VALUED_OPTIONS = frozenset({"--project-dir"})  # the global option of Chalice's CLI that takes a value
_WORD = re.compile(r"[^\s\"',\[\]]+")  # a word of a command line, shell or JSON form
_CHALICE = frozenset({"chalice.Chalice", "chalice.app.Chalice", "domovoi.Domovoi", "domovoi.app.Domovoi"})
_APP_FILE = "app.py"  # the module Chalice loads from the project folder
_FOLDER, _CONFIG = ".chalice", "config.json"


def chalice_handlers(index: ProjectIndex, launch_files: Sequence[str], root: str) -> Handlers:
    """The app modules of the project's Chalice deployments (module docstring): handler modules, whose
    closure lambda_modules.py bounds, each with its project folder, the root of the package Chalice builds."""
    found: Handlers = {}
    for name, module in index.modules.items():
        if os.path.basename(module.path) != _APP_FILE or not _binds_app(index, module):
            continue
        if _configured(os.path.join(root, os.path.dirname(module.path), _FOLDER)):
            found[name] = posixpath.dirname(module.path)
    if found and any(_runs_locally(text) for path in launch_files for text in [read_launch_text(path)] if text):
        return {}
    return {**registered_modules(index, found, launch_files), **found} if found else found


def _binds_app(index: ProjectIndex, module: ModuleSummary) -> bool:
    """Whether the module binds an app Chalice loads (module docstring): its top-level `app` (bound, imported, or
    brought in by a star import, which `resolve_name` follows), or an object of a Chalice class."""
    own = f"{module.module}.{_APP}"
    return resolve_name(index, own) != own or any(_is_chalice(index, kind) for kind in module.globals.values())


def _runs_locally(text: str) -> bool:
    """Whether a line of the launch file's text runs `chalice local` (`uv run chalice --project-dir api local`,
    `CMD ["chalice", "local", "--host", "0.0.0.0"]`): Chalice's global options may stand between the two."""
    for line in logical_lines(text):
        words = _WORD.findall(line)
        for at, word in enumerate(words):
            if word.rpartition("/")[2] != _CHALICE_COMMAND:
                continue
            rest = words[at + 1:]
            while rest and rest[0].startswith("-"):
                rest = rest[2:] if rest[0] in _VALUED_OPTIONS else rest[1:]
            if rest[:1] == [_LOCAL]:
                return True
    return False


def _configured(folder: str) -> bool:
    """Whether the `.chalice` folder holds the deployment's config or a template the build renders it from."""
    listing = list_folder(folder)
    return listing is not None and any(name == _CONFIG or name.startswith(f"{_CONFIG}.") for name in listing.files)


def _is_chalice(index: ProjectIndex, kind: str) -> bool:
    """Whether objects of class `kind` are Chalice apps: Chalice itself or a subclass of it."""
    return kind in _CHALICE or (kind in index.classes and any(base in _CHALICE for base in class_ancestors(index, kind)))
