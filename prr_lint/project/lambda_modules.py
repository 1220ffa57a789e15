"""PRR501: the modules only AWS Lambda functions load, every function of which a Lambda timeout bounds.

A Lambda's process imports its handler's module and what that imports, however deep (names.import_closure);
a bare import from the folder of its package first (a template's code folder, a Terraform `source_dir`, a CDK
asset, a Chalice project: lambda_code.Handlers), which the runtime puts on `sys.path` (code_closure), for the
modules below that folder, a server's beside the handler too.
A module of that closure that no module outside the closures of the project's Lambda handlers imports
(tests and development scripts aside) and that no deployment file, development ones included, runs by its
dotted name (`uvicorn src.main:app`, `python -m src.worker`) runs only inside a Lambda invocation: all of its code, the routes
of an app the handler wraps (`handler = Mangum(app)`) and the callbacks a library makes (a pydantic
validator) included, is stopped at the function's timeout, whether or not a call chain shows the way.
The `CMD` / `ENTRYPOINT` of a Lambda image's Dockerfile that the function's `ImageConfig` replaces
(lambda_templates.py: a gunicorn `CMD` for local runs) runs nothing.

A development script is a module nothing imports that deployment files name (its file name, `python
/asset/local.py`) only in development ones: a file whose path says so (`local/Dockerfile.ingest`,
launchers.DEVELOPMENT, CI workflows included) or a development compose file
(dev_composes.development_compose), or an environment file that turns a development server on (`FLASK_ENV=development`
beside `FLASK_APP=app/local.py`, which `flask run` reads). A script no deployment file names at all is not known to be one,
and keeps what it imports out, unless it lies in the package folder of a Lambda (its code folder, the
image folder its handler is copied from): the deployment ships it only inside the function, whose runtime
imports the handler and never runs a script's `__main__` block (a `local.py` beside the handler starting
uvicorn for a developer, named by no deployment file).
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from prr_lint.project.dev_composes import development_compose, reloading_command
from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_image import instructions as dockerfile_instructions
from prr_lint.project.launchers import DEVELOPMENT
from prr_lint.project.names import import_closure, project_module
from prr_lint.project.support import test_modules
from prr_lint.project.live_lines import read_launch_text
from prr_lint.stamps import is_env_file

_FILE = re.compile(r"(?<![\w.-])(\w[\w-]*\.py)(?![\w.-])")  # a script's file name
_APP_SPEC = re.compile(r"(?<![\w.])(\w[\w.]*):\w")  # `src.main:app`
_WORD = re.compile(r"[\w.-]+")  # a word of a deployment file: a file, module or app name among them
_RUN_MODULE = re.compile(r"-m\s+(\w[\w.]*)")  # `python -m src.worker`


def lambda_only_modules(
    index: ProjectIndex, handler_modules: Mapping[str, Optional[str]], launch_files: Sequence[str], root: str,
    replaced: Mapping[str, FrozenSet[str]],
) -> Set[str]:
    """The modules only the Lambda handlers' processes load (module docstring). `handler_modules`: each with the
    folder of its package when known (code_closure); `replaced`: the Dockerfiles of Lambda images, each with the
    instructions (`CMD`) its function replaces, which start nothing."""
    only: Set[str] = set()
    for module, folder in handler_modules.items():
        if module in index.modules:
            only |= import_closure(index, module) if folder is None else code_closure(index, module, folder)
    if not only:
        return set()
    folders = {folder for folder in handler_modules.values() if folder is not None}
    importers = _importers(index, folders)
    texts = [(path, _unreplaced(text, replaced.get(os.path.normpath(path), frozenset())))
             for path in launch_files for text in [read_launch_text(path)] if text]
    production = "\n".join(text for path, text in texts if not _development(path, text, root))
    development = "\n".join(text for path, text in texts if _development(path, text, root))
    named = set(_FILE.findall(production))
    scripts = set(_FILE.findall(development)) - named  # named only by development files
    everywhere = f"{production}\n{development}"
    run_by_name = set(_APP_SPEC.findall(everywhere)) | set(_RUN_MODULE.findall(everywhere))
    words = set(_WORD.findall(everywhere)) | named | scripts
    ignored = test_modules(index) | {name for name, module in index.modules.items() if name not in importers and (
        os.path.basename(module.path) in scripts or _packaged_unnamed(name, module.path, folders, words))}
    only -= run_by_name
    pending = sorted(only)
    while pending:  # a module imported from outside leaves, and so may what it imports
        name = pending.pop()
        if name in only and any(importer not in only and importer not in ignored for importer in importers.get(name, ())):
            only.discard(name)
            pending.extend(target for target in _targets(index, name, _sys_path(index, name, folders)) if target in only)
    return only


def _packaged_unnamed(name: str, path: str, folders: Set[str], words: Set[str]) -> bool:
    """Whether the module lies in a Lambda's package folder and no deployment file names it: not its file name
    nor any dotted tail of its name as a word of theirs (`python local.py`, `-m local`, `celery -A tasks worker`).
    The deployment ships it only inside the function, whose runtime imports the handler and runs no script."""
    parts = name.split(".")
    if os.path.basename(path) in words or any(".".join(parts[depth:]) in words for depth in range(len(parts))):
        return False
    own = posixpath.dirname(path)
    return any(not folder or own == folder or own.startswith(f"{folder}/") for folder in folders)


def _unreplaced(text: str, instructions: FrozenSet[str]) -> str:
    """The Dockerfile's text without the instructions a Lambda function replaces."""
    if not instructions:
        return text
    return "\n".join(f"{name} {argument}" for name, argument in dockerfile_instructions(text) if name not in instructions)


def code_closure(index: ProjectIndex, module: str, folder: str) -> Set[str]:
    """`module` and every project module its import runs in a Lambda whose package is the root-relative `folder`:
    the runtime puts that folder first on `sys.path`, so `import ledger` in `billing-hooks/src/main.py` (indexed as
    `src.main`) loads `billing-hooks/src/ledger.py` before any module the index names `ledger`."""
    found, pending = {module}, [module]
    while pending:
        for target in _targets(index, pending.pop(), (folder,)):
            if target not in found:
                found.add(target)
                pending.append(target)
    return found


def _importers(index: ProjectIndex, folders: Set[str]) -> Dict[str, Set[str]]:
    """Project module -> the project modules whose import runs it (`_targets`), a bare import resolved in the
    Lambda package `folders` the importer lies in too: a server beside the handler imports the same files."""
    found: Dict[str, Set[str]] = {}
    for name in index.modules:
        for target in _targets(index, name, _sys_path(index, name, folders)):
            found.setdefault(target, set()).add(name)
    return found


def _sys_path(index: ProjectIndex, name: str, folders: Set[str]) -> Tuple[str, ...]:
    """The Lambda package folders the module lies in, from which its bare imports load (code_closure)."""
    own = posixpath.dirname(index.modules[name].path)
    return tuple(sorted(folder for folder in folders if not folder or own == folder or own.startswith(f"{folder}/")))


def _targets(index: ProjectIndex, name: str, folders: Sequence[str] = ()) -> List[str]:
    """The project modules the module's import runs directly: what it imports (a file below one of `folders`,
    the `sys.path` entries it runs with, or else by dotted name) and its parent packages."""
    summary, parts = index.modules[name], name.split(".")
    imported = (*summary.imports.values(), *summary.star_imports)
    targets = [_in_folders(index, target, folders) or project_module(index, target) for target in imported]
    targets.extend(".".join(parts[:depth]) for depth in range(1, len(parts)))
    return [target for target in targets if target is not None and target != name and target in index.modules]


def _in_folders(index: ProjectIndex, target: str, folders: Sequence[str]) -> Optional[str]:
    """The project module an imported dotted name loads from the first of `folders` that holds it, or None."""
    parts = target.split(".")
    for folder in folders:
        for depth in range(len(parts), 0, -1):
            base = posixpath.join(folder, *parts[:depth])
            summary = index.by_path.get(f"{base}.py") or index.by_path.get(f"{base}/__init__.py")
            if summary is not None:
                return summary.module
    return None



def _development(path: str, text: str, root: str) -> bool:
    relative = os.path.relpath(path, root) if os.path.isabs(path) and root else path
    return bool(DEVELOPMENT.search(relative.replace(os.sep, "/"))) or development_compose(os.path.basename(path), text, path) \
        or is_env_file(path) and reloading_command(text)


def split_handlers(index: ProjectIndex, handlers: Iterable[str]) -> Tuple[Set[str], Set[str]]:
    """(handler functions, handler modules): a handler naming a module-level object stands for its module."""
    functions = {name for name in handlers if name in index.functions}
    modules = {name for name in handlers if name in index.modules} | {index.module_of(name) for name in functions}
    modules.discard("")
    return functions, modules
