"""The AWS Lambda handlers a Chalice project deploys: its app module, every handler of which is a Lambda.

`chalice deploy` packages the project folder (the one holding `.chalice/config.json`) and loads its
`app.py`, whose module-level Chalice app (`app = chalice.Chalice(app_name="svc")`, or an instance of a
subclass) registers the handlers: routes behind API Gateway, `lambda_function`, `schedule`,
`on_s3_event`, `on_sqs_message` and the other event sources, each deployed as (or inside) a Lambda
function stopped at the config's `lambda_timeout` (60 s when unset). The app's class is resolved, its
spelling not matched: a project subclass of `chalice.Chalice` counts, as does domovoi's `Domovoi`, a
Chalice subclass whose `domovoi deploy` runs the same packaging. The config may be generated at build
time: a file of `.chalice` named for it (`config.json.template.py`, `config.json.j2`) that the build
renders into `config.json` marks the folder as well. An `app.py` with no such app, or one in a folder
whose `.chalice` holds neither the config nor a template of it, is no Chalice deployment and counts
for nothing.

Chalice packages the folder's `app.py`, its `chalicelib` package and the contents of its `vendor`
folder, often links to the project's shared sources (`vendor/pkg -> ../../src/pkg`): the app's imports
reach them by dotted name (lambda_modules.code_closure), so what the app imports from there is in
the Lambda's closure too.
"""

from __future__ import annotations

import os
import posixpath

from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import Handlers
from prr_lint.project.names import class_ancestors
from prr_lint.tree_reads import list_folder

_CHALICE = frozenset({"chalice.Chalice", "chalice.app.Chalice", "domovoi.Domovoi", "domovoi.app.Domovoi"})
_APP_FILE = "app.py"  # the module Chalice loads from the project folder
_FOLDER, _CONFIG = ".chalice", "config.json"


def chalice_handlers(index: ProjectIndex, root: str) -> Handlers:
    """The app modules of the project's Chalice deployments (module docstring): handler modules, whose
    closure lambda_modules.py bounds, each with its project folder, the root of the package Chalice builds."""
    found: Handlers = {}
    for name, module in index.modules.items():
        if os.path.basename(module.path) != _APP_FILE or not any(_is_chalice(index, kind) for kind in module.globals.values()):
            continue
        if _configured(os.path.join(root, os.path.dirname(module.path), _FOLDER)):
            found[name] = posixpath.dirname(module.path)
    return found


def _configured(folder: str) -> bool:
    """Whether the `.chalice` folder holds the deployment's config or a template the build renders it from."""
    listing = list_folder(folder)
    return listing is not None and any(name == _CONFIG or name.startswith(f"{_CONFIG}.") for name in listing.files)


def _is_chalice(index: ProjectIndex, kind: str) -> bool:
    """Whether objects of class `kind` are Chalice apps: Chalice itself or a subclass of it."""
    return kind in _CHALICE or (kind in index.classes and any(base in _CHALICE for base in class_ancestors(index, kind)))
