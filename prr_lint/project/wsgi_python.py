"""Which Python a mod_wsgi deployment runs, read from the interpreter's own site-packages folder it puts on the path.

Apache's mod_wsgi runs a WSGI script file (`app.wsgi`, the file `WSGIScriptAlias` maps a URL to) in the interpreter
mod_wsgi is built for. A script that puts a virtualenv's `lib/python2.6/site-packages` on the path
(`site.addsitedir(...)`, `sys.path.append(...)`), or an Apache configuration whose `WSGIPythonPath` or
`WSGIDaemonProcess ... python-path=` names one, says which interpreter that is: a site-packages folder belongs to one
release (virtualenv and pip make `lib/pythonX.Y/` for the interpreter that runs them, and install there the packages
built for it). So these are deployment files that name the Python they run, in the spirit of a `runtime.txt`.

Only what the deployment reads counts for Python 2: in a script, a string literal of its code (not a comment, nor a
docstring or other bare string statement), and only in a script that changes the path (`addsitedir`, `sys.path`) and
does not ask which Python runs it (`if sys.version_info[0] == 2:` may pick the folder for one of two); in
a configuration, an uncommented `WSGIPythonPath` or `python-path=` value. A file that also names a Python 3
site-packages folder anywhere, comments included (reading more for Python 3 only keeps findings), admits both. A
version-free path (`WSGIPythonHome /usr/local/pythonenv/BASELINE`, `python-home=/srv/venv`) says nothing. Files at a
test path or inside a sub-distribution (debian_folders.project_folder) are not the project's deployment.

python2_runtime.py reads them as it reads Debian packaging (`Declared.beside`): such a file is often a sample kept beside
the way the service really deploys (`apache.example/production.wsgi`), so a Python 2 one decides only when the
deployment is otherwise silent, nothing tested or packaged admits Python 3, and no project module has syntax only
Python 3 parses.
"""

from __future__ import annotations

import os
import re
import tokenize
from typing import Dict, Iterable, List, Optional, Tuple

from prr_lint.project.debian_folders import project_folder
from prr_lint.project.python_versions import Version, Versions, release
from prr_lint.project.texts import read_bounded
from prr_lint.source_tokens import SourceTokens

_SCRIPT_SUFFIX = ".wsgi"
# An Apache configuration's file name: `svc.conf`, `httpd.conf.production`, `vhost.conf.staging`.
_CONFIG_NAME = re.compile(r"\.conf(?:\.[\w-]+)?$")
# A release's own site-packages folder (Debian's system Python calls it dist-packages).
_SITE_PACKAGES = re.compile(r"(?<![\w.-])lib(?:64)?/python([23]\.\d+)/(?:site|dist)-packages(?![\w.-])")
# mod_wsgi's directives that put folders on the interpreter's path.
_WSGI_PATH = re.compile(r"^\s*WSGIPythonPath\s+(.*)$", re.IGNORECASE)
_DAEMON = re.compile(r"^\s*WSGIDaemonProcess\s", re.IGNORECASE)
_PYTHON_PATH_OPTION = re.compile(r"(?<!\S)python-path=(\"[^\"]*\"|'[^']*'|\S+)", re.IGNORECASE)
# The tokens before a string that begins a statement: a docstring or a bare string says nothing the script does.
_STATEMENT_START = frozenset({tokenize.ENCODING, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT})
_SKIPPED = frozenset({tokenize.NL, tokenize.COMMENT})
# Names a script reads to ask which Python runs it (`sys.version_info`, `sys.hexversion`, `six.PY2`, `platform.python_version()`).
_VERSION_NAMES = frozenset({"version_info", "hexversion", "PY2", "PY3", "python_version", "python_version_tuple"})


def wsgi_declarations(root: str, files: Iterable[Tuple[str, str]]) -> List[Tuple[Versions, str]]:
    """The Python each of the project's WSGI script files and Apache configurations names by its site-packages
    folder, and where (`apache.example/production.wsgi: lib/python2.6/site-packages`), in path order (module
    docstring). `files` are the project tree's (folder, file name)."""
    root = os.path.abspath(os.fspath(root))
    found: List[Tuple[Versions, str]] = []
    folders: Dict[str, bool] = {}  # whether each folder is the project's own
    for folder, name in sorted(files):
        script = name.endswith(_SCRIPT_SUFFIX)
        if not script and _CONFIG_NAME.search(name) is None:
            continue
        if not folders.setdefault(folder, project_folder(root, os.path.abspath(folder))):
            continue
        path = os.path.join(folder, name)
        text = read_bounded(path)
        python2 = (_script_paths(text) if script else _config_paths(text)) if text else []
        python3 = {release(version) for version in _SITE_PACKAGES.findall(text or "") if version.startswith("3")}
        if python2 or python3:
            versions = frozenset({*python2, *python3})
            shown = next((f"lib/python{major}.{minor}/site-packages" for major, minor in python2), None) \
                or f"lib/python{min(python3)[0]}.{min(python3)[1]}/site-packages"
            found.append((versions, f"{os.path.relpath(path, root)}: {shown}"))
    return found


def _script_paths(text: str) -> List[Version]:
    """The Python 2 releases whose site-packages folder a WSGI script's code names in a string literal, when the
    script changes the path; none when it does not, or when it asks which Python runs it (`sys.version_info`,
    `six.PY2`): then it may be written for both, and the folder named only for the Python 2 that runs it."""
    named: List[Version] = []
    changes_path = False
    previous: Optional[tokenize.TokenInfo] = None
    before: Optional[tokenize.TokenInfo] = None
    for token in SourceTokens(text).each(universal_newlines=True):
        if token.type in _SKIPPED:
            continue
        of_sys = previous is not None and previous.string == "." and before is not None and before.string == "sys"
        if token.type == tokenize.NAME and (token.string in _VERSION_NAMES or (token.string == "version" and of_sys)):
            return []
        if token.type == tokenize.NAME and (token.string == "addsitedir" or (token.string == "path" and of_sys)):
            changes_path = True
        if token.type == tokenize.STRING and previous is not None and previous.type not in _STATEMENT_START:
            named.extend(release(version) for version in _SITE_PACKAGES.findall(token.string) if version.startswith("2"))
        before, previous = previous, token
    return _unique(named) if changes_path else []


def _config_paths(text: str) -> List[Version]:
    """The Python 2 releases whose site-packages folder an Apache configuration's uncommented `WSGIPythonPath` or
    `WSGIDaemonProcess ... python-path=` names (a directive continued over lines with `\\` read whole)."""
    named: List[Version] = []
    for line in text.replace("\\\n", " ").splitlines():  # a comment starts with `#`, where no directive matches
        values: List[str] = []
        if (match := _WSGI_PATH.match(line)) is not None:
            values.append(match.group(1))
        elif _DAEMON.match(line) is not None:
            values.extend(_PYTHON_PATH_OPTION.findall(line))
        named.extend(release(version) for value in values for version in _SITE_PACKAGES.findall(value)
                     if version.startswith("2"))
    return _unique(named)


def _unique(versions: List[Version]) -> List[Version]:
    """The releases in the order first named, each once."""
    return list(dict.fromkeys(versions))
