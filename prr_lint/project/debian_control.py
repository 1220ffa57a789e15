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
too: then the package admits both, and a Python 2 file is not shown to be valid for what it runs), at an interpreter
relation bounded at 3 or later (`python (>= 3.6)`; a module package's version is the module's), at python3 in any
other field but the Description (`Package: python3-svc`, `Provides: ${python3:Provides}`) or in the package's other
files (a maintainer script, an init script, `tests/control`), and at an interpreter the rules leave open
(`python$(PYVER)`, dh-virtualenv's). The two directions read differently: a sign of Python 2 is read without the
rules' comments, python3 in a recipe line whole (make passes its `#` to the shell), since reading more for python3
only keeps findings. One that packages no Python (a C program whose build runs `python` as a tool, a
`Build-Depends` alone) says nothing.

The interpreter is read to its major version only: a Debian release's `python3` may be any Python 3 (python_versions.py).
Which control files are the project's own is debian_folders.py's question.
"""

from __future__ import annotations

import re
from typing import Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

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
_PYTHON2_NAME = re.compile(r"^python(?:2(?:\.\d+)?)?(?:-[a-z0-9][a-z0-9+.-]*)?$")
# The interpreter itself, whose version is Python's (`python (>= 3.6)`, `python-all-dev (>= 3.5~)`); a module
# package's version is the module's (`python-lxml (>= 3.0)`).
_INTERPRETER = re.compile(r"^python(?:2(?:\.\d+)?)?(?:-all)?(?:-dev|-minimal|-dbg)?$")
# A relation's lower bound (`>= 3.6`, `>> 2.7`, `= 3.5.1-1`).
_LOWER_BOUND = re.compile(r"(>=|>>|=)\s*(\d+)")
# Fields read elsewhere, or free text that names what the package is not (`unlike the python3 version`).
_NOT_NAMES = frozenset({*_RUNTIME_FIELDS, *_BUILD_FIELDS, *_PYTHON2_FIELDS, *_PYTHON3_FIELDS, "description"})
# Rules that build with an interpreter they do not name, which may be Python 3: dh-virtualenv's (`dh_virtualenv
# --python /usr/bin/python$(PYVER)`), one a variable names (`python$(PYVER)`, `PYTHON=$(shell which python)`).
_ANY_PYTHON = re.compile(r"dh_virtualenv|python-virtualenv|python\$[({]")
# A shell comment in a recipe line: `#` that begins a word (`sed '1s#.*#...#'` is no comment).
_SHELL_COMMENT = re.compile(r"(?:^|\s)#.*$")
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


def debian_python(control: str, rules: Optional[str], others: Sequence[Tuple[str, str]] = ()) -> Optional[DebianPython]:
    """The Python majors a source package's control and rules text admit, and the sign that shows the one that
    decides, or None when it packages no Python (module docstring). `others`: the package folder's other files
    (name, text: maintainer scripts, init scripts, `tests/control`), where any python3 admits Python 3 too."""
    claims, vetoes = _rules_texts(rules or "")
    packaging: List[str] = []  # signs that the package installs Python code, whichever Python
    python2: List[Tuple[str, str]] = []  # (file, sign)
    python3: List[Tuple[str, str]] = []
    for paragraph in _paragraphs(control):
        _version_fields(paragraph, packaging, python2, python3)
        _relations(paragraph, packaging, python2, python3)
        python3.extend((CONTROL, f"{_spelled(field)}: {value}") for field, value in paragraph.items()
                       if field not in _NOT_NAMES and _PYTHON3.search(value))  # `Package: python3-svc`, `Provides:`
    for addon in (addon for match in _WITH.finditer(claims) for addon in match.group(1).split(",")):
        if addon in _PYTHON2_ADDONS or addon in _PYTHON3_ADDONS:
            packaging.append(f"dh --with {addon}")
            (python2 if addon in _PYTHON2_ADDONS else python3).append((RULES, f"dh --with {addon}"))
    for match in _PYTHON2_COMMANDS.finditer(claims):
        packaging.append(match.group(1))
        python2.append((RULES, match.group(1)))
    packaging.extend(match.group(1) for match in _PACKAGING_COMMANDS.finditer(claims))
    python3.extend((RULES, match.group(0)) for match in _PYTHON3.finditer(vetoes))
    python3.extend((RULES, match.group(0)) for match in _ANY_PYTHON.finditer(vetoes))
    python3.extend((name, match.group(0)) for name, text in others for match in _PYTHON3.finditer(text))
    if not packaging or not (python2 or python3):
        return None
    versions = frozenset({*([(2, None)] if python2 else []), *([(3, None)] if python3 else [])})
    deciding = python3 or python2  # any python3 is what keeps a Python 2 file from being shown valid
    shown = next((sign for sign in deciding if sign[1] in packaging), deciding[0])
    return DebianPython(versions, shown[0], shown[1])


def _version_fields(paragraph: Paragraph, packaging: List[str], python2: List[Tuple[str, str]],
                    python3: List[Tuple[str, str]]) -> None:
    """dh_python2's and dh_python3's version fields: each packages Python, for the Python it admits."""
    for field in (*_PYTHON2_FIELDS, *_PYTHON3_FIELDS):
        if field in paragraph:
            shown = f"{_spelled(field)}: {paragraph[field]}"
            packaging.append(shown)
            python3_field = field in _PYTHON3_FIELDS or _names_python3(paragraph[field])
            (python3 if python3_field else python2).append((CONTROL, shown))


def _relations(paragraph: Paragraph, packaging: List[str], python2: List[Tuple[str, str]],
               python3: List[Tuple[str, str]]) -> None:
    """The Python packages a paragraph's relation fields name: a binary package's run-time ones, and the helpers'
    substitution variables, package Python; a build relation alone is a build tool."""
    binary = "package" in paragraph
    for field in (*_RUNTIME_FIELDS, *_BUILD_FIELDS):
        for name, qualifier in _relations_named(paragraph.get(field, "")):
            substvar = _SUBSTVAR.fullmatch(name)
            if substvar is not None:
                is_python3 = substvar.group(1) == "python3"
            elif _PYTHON3.search(name) or (_INTERPRETER.match(name) and _from_python3(qualifier)):
                is_python3 = True  # `python3-lxml`, `python (>= 3.6)`
            elif _PYTHON2_NAME.match(name):
                is_python3 = False
            else:
                continue
            (python3 if is_python3 else python2).append((CONTROL, name))
            if substvar is not None or (binary and field in _RUNTIME_FIELDS):
                packaging.append(name)


def _from_python3(qualifier: str) -> bool:
    """An interpreter relation's version qualifier bounds it from below at Python 3 or later (`>= 3.6`)."""
    return any(int(match.group(2)) >= 3 for match in _LOWER_BOUND.finditer(qualifier))


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


def _relations_named(value: str) -> Iterator[Tuple[str, str]]:
    """The package names a relation field lists (`python (>= 2.7) | python2.7, python-lxml:any [amd64]`), each with
    its version qualifier (`>= 2.7`, or ``), and its substitution variables (`${python:Depends}`) as they are written."""
    for item in re.split(r"[,|]", value):
        qualifier = " ".join(re.findall(r"\(([^)]*)\)", item))
        item = re.sub(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>", " ", item).strip()
        if not item:
            continue
        word = item.split()[0]
        yield (word if word.startswith("${") else word.partition(":")[0].lower()), qualifier


def _rules_texts(text: str) -> Tuple[str, str]:
    """A rules file (a makefile) read twice: for the signs of Python 2, without make's comments and a recipe's shell
    comments; for python3, a recipe line whole (make passes its `#` to the shell: `sed -i '1s#.*#!/usr/bin/python3#'`),
    since reading more there only keeps findings."""
    claims: List[str] = []
    vetoes: List[str] = []
    for line in text.splitlines():
        if line.startswith("\t"):
            claims.append(_SHELL_COMMENT.sub("", line))
            vetoes.append(line)
        else:
            claims.append(line.partition("#")[0])
            vetoes.append(claims[-1])
    return "\n".join(claims), "\n".join(vetoes)
