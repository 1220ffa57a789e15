"""The Python an RPM spec file builds its package for: a packaging declaration of the runtime (python2_runtime.py).

A Fedora or RHEL package runs its code under the interpreter its spec builds it with. The versioned names say which:
a requirement (`BuildRequires: python2-devel`, `Requires: python3-requests`, `python3dist(flask)`, EPEL's `python36-*`
and the `python27` collection) and a macro of the python-rpm-macros (`%{python2_sitelib}`, `%{__python3}`,
`%py3_build`, `%py3dir`; `%pyproject_wheel` and the other `%pyproject_*` build Python 3 only). A spec with both
(a `python2-` and a `python3-` subpackage, or a `%if 0%{?with_python3}` branch) admits both. The unversioned names
(`python-devel`, `python-requests`, `%{__python}`, `%{python_sitelib}`) say nothing: they mean the distribution's
default Python, which was Python 2 on RHEL 7 and older Fedora and is Python 3 since (Fedora's packaging guidelines).

Only a file that is an RPM spec counts (a `Name:` tag and a section such as `%description`: PyInstaller's `.spec`
files are Python), and only what precedes its `%changelog` outside comments: a changelog entry may name the Python
of a release long gone ("port to python3").
"""

from __future__ import annotations

import os
import re
from typing import List, Optional, Sequence, Tuple

from prr_lint.project.launchers import development_file
from prr_lint.project.python_versions import Versions, release
from prr_lint.project.texts import read_bounded
from prr_lint.stamps import RPM_SPEC_SUFFIXES

_NAME_TAG = re.compile(r"^Name[ \t]*:[ \t]*\S", re.MULTILINE | re.IGNORECASE)  # RPM's tags are read in any case
_SECTION = re.compile(r"^%(?:description|package|prep|build|install|files)\b", re.MULTILINE)
_CHANGELOG = re.compile(r"^%changelog\b", re.MULTILINE)
# `BuildRequires:`, `Requires(post):`: the value lists packages, versions and operators.
_REQUIREMENT = re.compile(r"^((?:Build)?Requires)(?:\([^)\n]*\))?[ \t]*:(.*)$", re.MULTILINE | re.IGNORECASE)
# `python2-devel`, `python3dist(flask)`, `python36-dateutil`, `python27`: a package of one major version.
_PACKAGE = re.compile(r"python([23](?:\.?\d+)?)(?:-|dist\(|$)")
# `%{python2_sitelib}`, `%{?python3_pkgversion}`, `%{__python3}`, `%py3_build`, `%py3dir`, `%pyproject_wheel`.
_MACRO = re.compile(r"%\{?[?!]*((?:__)?python([23])(?:_\w*)?(?!\w)|py([23])(?:_\w+|dir)(?!\w)|pyproject_\w+)")
_PYTHON3 = (3, None)


def spec_declarations(root: Optional[str], deployment_code: Sequence[str]) -> List[Tuple[Versions, str]]:
    """Each RPM spec's Python among `deployment_code` (stamps.is_deployment_code), as (releases, where it says so);
    a test's fixture spec (launchers.development_file) builds nothing the project ships."""
    found: List[Tuple[Versions, str]] = []
    for path in deployment_code:
        if not path.endswith(RPM_SPEC_SUFFIXES) or development_file(path, root):
            continue
        signs = spec_python(read_bounded(path) or "")
        if signs:
            newest = max(version[0] for version, _ in signs)
            shown = next(where for version, where in signs if version[0] == newest)
            found.append((frozenset(version for version, _ in signs), f"{os.path.relpath(path, root) if root else path}: {shown}"))
    return found


def spec_python(text: str) -> List[Tuple[Tuple[int, Optional[int]], str]]:
    """The Python releases an RPM spec's requirements and macros name, each with its text (module docstring); none
    for a file that is no RPM spec."""
    if _NAME_TAG.search(text) is None or _SECTION.search(text) is None:
        return []
    changelog = _CHANGELOG.search(text)
    body = "\n".join(line for line in text[:changelog.start() if changelog else len(text)].splitlines()
                     if not line.lstrip().startswith("#"))
    signs = []
    for requirement in _REQUIREMENT.finditer(body):
        for word in requirement.group(2).replace(",", " ").split():
            if (package := _PACKAGE.match(word)) is not None:
                signs.append((release(package.group(1)), f"{requirement.group(1)} {word}"))
    for macro in _MACRO.finditer(body):
        major = macro.group(2) or macro.group(3)
        signs.append(((int(major), None) if major else _PYTHON3, f"%{macro.group(1)}"))
    return signs
