"""The Python a Debian source package builds its binary packages for, read from its `control` and `rules` files.

Debian ships Python 2 modules as `python-*` packages and Python 3 modules as `python3-*`; a source package says
which it builds in its control file (`X-Python-Version: 2.7` is dh_python2's field, `X-Python3-Version` dh_python3's;
`${python:Depends}` and `${python3:Depends}` the dependencies those helpers fill in; binary packages that depend on
`python (>= 2.7)`, `python-django` or on `python3`, `python3-lxml`) and in its rules (`dh $@ --with python2`,
`dh_python3`, `--buildsystem=pybuild`). A source package that packages Python (one of those fields, substitution
variables or helpers, or a binary package that depends on an interpreter or a module) runs what it installs under the
interpreters it names: Python 2 at a sign of Python 2 (`python`, `python2.7`, `python-*`, `python2-*`, the
Python 2 helpers `python-support` and `python-central`, an X-Python-Version that names no 3.x release to admit),
Python 3 at any mention of python3 in its relation fields or rules (a `python3-sphinx` to build the documentation
too: then the package admits both, and a Python 2 file is not shown to be valid for what it runs). One that
packages no Python (a C program whose build runs `python` as a tool, a `Build-Depends` alone) says nothing.

The interpreter is read to its major version only: a Debian release's `python3` may be any Python 3 (python_versions.py).
Which control files are the project's own is debian_folders.py's question.
"""

from __future__ import annotations

import re
from typing import Dict, Iterator, List, NamedTuple, Optional, Tuple

from prr_lint.project.python_versions import Versions

_FIELD = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*)\s*:(.*)$")
# A binary package's run-time relations, and the source package's build relations.
_RUNTIME_FIELDS = ("depends", "pre-depends", "recommends")
_BUILD_FIELDS = ("build-depends", "build-depends-indep", "build-depends-arch")
# dh_python2's version field (`XS-` in the source paragraph, `XB-` in a binary one, in older packages) and dh_python3's.
_PYTHON2_FIELDS = ("x-python-version", "xs-python-version", "xb-python-version")
_PYTHON3_FIELDS = ("x-python3-version", "xs-python3-version", "xb-python3-version")
_SUBSTVAR = re.compile(r"\$\{(python3?):Depends\}")
# A version a field admits: one no `<<`, `<` or `<=` bounds from above (`>= 2.6, << 3.0` admits no Python 3).
_FIELD_VERSION = re.compile(r"(<<|<=|<|>=|>>|=)?\s*(\d+)(?:\.\d+)*")
# Python 3 anywhere in a relation's package name or in the rules (`python3-all-dev`, `libpython3.9`, `dh_python3`,
# `--with python3`, `py3versions`, `python-is-python3`).
_PYTHON3 = re.compile(r"python3|pypy3|py3versions|py3compile|py3clean")
# Debian's Python 2 interpreter and module packages (`python`, `python2.7`, `python-lxml`, `python2-dev`).
_PYTHON2_PACKAGE = re.compile(r"^python(?:2(?:\.\d+)?)?(?:-[a-z0-9][a-z0-9+.-]*)?$")
# The debhelper sequences and commands that install Python modules: dh_python2's and the Python 2 helpers before it,
# dh_python3's, pybuild's (whose interpreters are those the build relations name).
_WITH = re.compile(r"--with(?:=|\s+)([\w,+-]+)")
_PYTHON2_ADDONS = frozenset({"python2", "python-support", "python-central", "python_support", "python_central"})
_PYTHON2_COMMANDS = re.compile(r"(?<![\w-])(dh_python2|dh_pysupport|dh_pycentral)(?![\w-])")
_PYTHON3_ADDONS = frozenset({"python3"})
_PACKAGING_COMMANDS = re.compile(r"(?<![\w-])(dh_python3|pybuild)(?![\w-])")

Paragraph = Dict[str, str]
CONTROL, RULES = "control", "rules"  # the source package's files this reads


class DebianPython(NamedTuple):
    """The Python majors a source package admits, and the sign that shows the one that decides (`debian_python`)."""

    versions: Versions
    file: str  # CONTROL or RULES: where the sign is
    shown: str  # `X-Python-Version: 2.7`, `python3-django`, `dh --with python2`


def debian_python(control: str, rules: Optional[str]) -> Optional[DebianPython]:
    """The Python majors a source package's control and rules text admit, and the sign that shows the one that
    decides, or None when it packages no Python (module docstring)."""
    rules_text = _uncommented(rules or "")
    packaging: List[str] = []  # signs that the package installs Python code, whichever Python
    python2: List[Tuple[str, str]] = []  # (file, sign)
    python3: List[Tuple[str, str]] = []
    for paragraph in _paragraphs(control):
        for field in (*_PYTHON2_FIELDS, *_PYTHON3_FIELDS):
            if field in paragraph:
                shown = f"{_spelled(field)}: {paragraph[field]}"
                packaging.append(shown)
                python3_field = field in _PYTHON3_FIELDS or _names_python3(paragraph[field])
                (python3 if python3_field else python2).append((CONTROL, shown))
        binary = "package" in paragraph
        for field in (*_RUNTIME_FIELDS, *_BUILD_FIELDS):
            for name in _relation_names(paragraph.get(field, "")):
                substvar = _SUBSTVAR.fullmatch(name)
                if substvar is not None:
                    found: Optional[List[Tuple[str, str]]] = python3 if substvar.group(1) == "python3" else python2
                else:
                    found = python3 if _PYTHON3.search(name) else python2 if _PYTHON2_PACKAGE.match(name) else None
                if found is not None:
                    found.append((CONTROL, name))
                    packaging.extend([name] if substvar is not None or (binary and field in _RUNTIME_FIELDS) else [])
    for addon in (addon for match in _WITH.finditer(rules_text) for addon in match.group(1).split(",")):
        if addon in _PYTHON2_ADDONS or addon in _PYTHON3_ADDONS:
            packaging.append(f"dh --with {addon}")
            (python2 if addon in _PYTHON2_ADDONS else python3).append((RULES, f"dh --with {addon}"))
    for match in _PYTHON2_COMMANDS.finditer(rules_text):
        packaging.append(match.group(1))
        python2.append((RULES, match.group(1)))
    packaging.extend(match.group(1) for match in _PACKAGING_COMMANDS.finditer(rules_text))
    python3.extend((RULES, match.group(0)) for match in _PYTHON3.finditer(rules_text))
    if not packaging or not (python2 or python3):
        return None
    versions = frozenset({*([(2, None)] if python2 else []), *([(3, None)] if python3 else [])})
    deciding = python3 or python2  # any python3 is what keeps a Python 2 file from being shown valid
    return DebianPython(versions, *next((sign for sign in deciding if sign[1] in packaging), deciding[0]))


def _names_python3(value: str) -> bool:
    """An X-Python-Version admits a 3.x release (`>= 3.2`: written for dh_python3 in dh_python2's field)."""
    return any(match.group(2) == "3" and match.group(1) not in ("<<", "<", "<=") for match in _FIELD_VERSION.finditer(value))


def _spelled(field: str) -> str:
    """`x-python-version` as Debian spells it, `X-Python-Version`."""
    return "-".join(part.upper() if len(part) <= 2 else part.capitalize() for part in field.split("-"))


def _paragraphs(text: str) -> List[Paragraph]:
    """The control file's paragraphs (the source package's, then each binary package's), their field names in lower
    case, continuation lines joined and comment lines left out."""
    paragraphs: List[Paragraph] = []
    current: Paragraph = {}
    field: Optional[str] = None
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                paragraphs.append(current)
            current, field = {}, None
        elif line[0] in " \t":
            if field is not None:
                current[field] = f"{current[field]} {line.strip()}"
        elif (match := _FIELD.match(line)) is not None:
            field = match.group(1).lower()
            current[field] = match.group(2).strip()
        else:
            field = None
    if current:
        paragraphs.append(current)
    return paragraphs


def _relation_names(value: str) -> Iterator[str]:
    """The package names a relation field lists (`python (>= 2.7) | python2.7, python-lxml:any [amd64]`), and its
    substitution variables (`${python:Depends}`) as they are written."""
    for item in re.split(r"[,|]", value):
        item = re.sub(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>", " ", item).strip()
        if not item:
            continue
        word = item.split()[0]
        yield word if word.startswith("${") else word.partition(":")[0].lower()


def _uncommented(text: str) -> str:
    """A rules file (a makefile) without its comments."""
    return "\n".join(line.partition("#")[0] for line in text.splitlines())
