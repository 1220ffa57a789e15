"""Modules that run in a deployment tool or a developer's tool, not in the service.

An AWS CDK app's stacks (`class VPCStack(cdk.NestedStack)` building `ec2.Vpc(self, ...)`) run on
the operator's machine at `cdk synth` / `cdk deploy`: a `urlopen` there that looks up the deploying
computer's public address is a step of the deployment, not a call the service makes. A gitlint rule
(`class GitmojiTitle(LineRule)`) runs in the developer's commit hook, a flake8 or pylint plug-in in
the developer's lint run; a hatchling build hook (`class DownloadUIHook(BuildHookInterface)` in
`hatch_build.py`) at package build time. Known by behaviour: a module whose classes derive from, or whose code
calls, the API of such a tool (infrastructure-as-code libraries: `aws_cdk`, `constructs`, `cdktf`,
`pulumi`, `troposphere`; linters' plug-in APIs: `gitlint`, `flake8`, `pylint`, `astroid`,
`pycodestyle`, `pyflakes`; a build backend's plug-in API: `hatchling`), and that serving code does not import (a service that imports the
module at run time runs it, whatever it builds).

A documentation build is such a tool too: the Python files of a Sphinx source tree (the folder of a
`conf.py` that configures Sphinx: it sets two Sphinx settings, one of them Sphinx's own (`html_theme`,
`master_doc` ... beside `extensions`, `exclude_patterns`), or imports a Sphinx configuration) or of an MkDocs `docs_dir` (`docs/` beside
`mkdocs.yml` unless it names another) are examples the pages include (`.. literalinclude::
dash_auth_example.py`, a Dash app showing how a client logs in) and extensions the build loads. They
are out of the service unless a module outside the documentation (tests aside) imports them. A tree at
the project root is never taken for documentation: there the sources are the service's own.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Iterable, Set

from prr_lint.project.names import resolve_name
from prr_lint.project.support import test_modules
from prr_lint.project.live_lines import read_launch_text

TOOL_PACKAGES = ("aws_cdk", "constructs", "cdktf", "pulumi", "pulumi_aws", "troposphere",
                 "gitlint", "flake8", "pylint", "astroid", "pycodestyle", "pyflakes", "hatchling")


# Two of these settings in code (not comments), one of them Sphinx's own, make a `conf.py` Sphinx's configuration:
# an app's own `conf.py` may well set `extensions`, `templates_path` or `exclude_patterns` (the shared words), but
# not an HTML theme, a master document or LaTeX output.
_SPHINX_ONLY_SETTINGS = frozenset({
    "html_theme", "html_static_path", "html_theme_options", "master_doc", "root_doc", "intersphinx_mapping",
    "pygments_style", "latex_documents", "man_pages", "texinfo_documents", "autodoc_default_options", "html_context",
})
_SPHINX_SETTINGS = _SPHINX_ONLY_SETTINGS | {"extensions", "templates_path", "source_suffix", "exclude_patterns", "nitpicky"}
_DOCS_DIR = re.compile(r"^docs_dir:[ \t]*[\"']?([^\"'\s#]+)", re.MULTILINE)
_MKDOCS = ("mkdocs.yml", "mkdocs.yaml")


def _tool_name(name: str) -> bool:
    return name.split(".", 1)[0] in TOOL_PACKAGES


def tool_modules(analysis) -> Set[str]:
    """Modules that build a deployment or plug into a developer's tool (see the module docstring)."""
    index = analysis.index
    imported = analysis.imported
    found: Set[str] = set()
    for name, module in index.modules.items():
        if name in imported or not any(map(_tool_name, module.imports.values())):
            continue
        bases = (resolve_name(index, base) for cls_bases in module.classes.values() for base in cls_bases)
        calls = (call for function in module.functions.values() for call in function.calls)
        if any(map(_tool_name, bases)) or any(_tool_name(resolve_name(index, call)) for call in calls):
            found.add(name)
    return found | documentation_modules(analysis)


def documentation_modules(analysis) -> Set[str]:
    """Modules of a documentation source tree that no module outside it imports (see the module docstring)."""
    index = analysis.index
    folders = tuple(f"{folder}/" for folder in sorted(_sphinx_folders(index.modules.values()) | _mkdocs_folders(analysis)) if folder)
    if not folders:
        return set()
    in_docs = {name for name, module in index.modules.items() if module.path.replace(os.sep, "/").startswith(folders)}
    if not in_docs:
        return set()
    skip = in_docs | test_modules(index)
    imported: Set[str] = set()
    for name, module in index.modules.items():
        if name not in skip:
            for target in module.imports.values():
                imported.update(_prefixes(target))
    return {name for name in in_docs if name not in imported}


def _prefixes(target: str) -> Iterable[str]:
    parts = target.split(".")
    return (".".join(parts[:end]) for end in range(1, len(parts) + 1))


def _sphinx_folders(modules: Iterable) -> Set[str]:
    """The folders of the `conf.py` files that configure Sphinx."""
    found: Set[str] = set()
    for module in modules:
        path = module.path.replace(os.sep, "/")
        if posixpath.basename(path) != "conf.py":
            continue
        imports_sphinx = any("sphinx" in target.split(".") for target in (*module.imports.values(), *module.star_imports))
        settings = {word for word in _SPHINX_SETTINGS if module.words.get(word, 0) > module.prose_words.get(word, 0)}
        if imports_sphinx or (len(settings) >= 2 and settings & _SPHINX_ONLY_SETTINGS):
            found.add(posixpath.dirname(path))
    return found


def _mkdocs_folders(analysis) -> Set[str]:
    """The `docs_dir` of each MkDocs configuration among the launch files, relative to the project root."""
    root = getattr(analysis.settings, "root", None)
    if root is None:
        return set()
    found: Set[str] = set()
    for path in analysis.derived("launch-files", tuple):
        if os.path.basename(path) not in _MKDOCS:
            continue
        text = read_launch_text(path) or ""
        match = _DOCS_DIR.search(text)
        folder = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), match.group(1) if match else "docs"))
        relative = os.path.relpath(folder, os.path.abspath(root)).replace(os.sep, "/")
        if not relative.startswith("..") and relative != ".":
            found.add(relative)
    return found
