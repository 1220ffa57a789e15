"""Which Python a mod_wsgi deployment runs, read from the interpreter's own site-packages folder it puts on the path.

Apache's mod_wsgi runs a WSGI script file (`app.wsgi`, the file `WSGIScriptAlias` maps a URL to) in the interpreter
mod_wsgi is built for. A script that puts a virtualenv's `lib/python2.6/site-packages` on the path
(`site.addsitedir(...)`, `sys.path.append(...)`), or an Apache configuration whose `WSGIPythonPath` or
`WSGIDaemonProcess ... python-path=` names one, says which interpreter that is: a site-packages folder belongs to one
release (virtualenv and pip make `lib/pythonX.Y/` for the interpreter that runs them, and install there the packages
built for it). So these are deployment files that name the Python they run, in the spirit of a `runtime.txt`.

Only what the deployment surely does counts for Python 2. In a script: a folder in a string literal (not a comment, nor
a docstring or other bare string statement) of a module-level statement that nothing makes conditional (no `if`, `try`,
loop, `and`/`or`, `lambda`, nor a body below one), put on the path by such a statement (`addsitedir`,
`sys.path.append/insert/extend`, an assignment to `sys.path`), directly or through module-level names bound once (`SITE
= os.path.join(ROOT, 'lib/python2.6/site-packages')`; a name rebound elsewhere, or a value passed through a call other
than `os.path`'s, counts nothing); and none in a script that asks which Python runs it (`sys.version_info`, `six.PY2`)
or removes a folder (`sys.path.remove`). In a configuration: an uncommented `WSGIPythonPath` or `python-path=` value, in
one that starts at most one daemon process. A version-free path (`WSGIPythonHome /usr/local/pythonenv/BASELINE`) says
nothing.

Python 3 is read wide, since it only keeps findings: a `lib/python3.N/site-packages` anywhere in either kind of file,
comments included; in a script, or a configuration with a mod_wsgi directive or `LoadModule wsgi_module`, any
`python3`, `py3` (`python-home=/opt/python3.9-venv`, `mod_wsgi-py3.so`, a `#!` that runs python3); in a script,
syntax only Python 3 parses (python3_syntax.py). Files at a test path, inside a sub-distribution
(debian_folders.project_folder) or in a documentation, example or sample folder (paths.is_sample_path) are not the
project's deployment, and a Python 2 script is not either where a Procfile, image or unit that runs no Apache or
mod_wsgi deploys the service (`web: gunicorn svc.wsgi:app`).

python2_runtime.py reads them as it reads Debian packaging (`Declared.beside`): such a file is often a sample kept
beside the way the service really deploys (`apache.example/production.wsgi`), so a Python 2 one decides only when the
deployment is otherwise silent, nothing tested or packaged admits Python 3, and no project module has syntax only Python
3 parses.
"""

from __future__ import annotations

import os
import re
import tokenize
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from prr_lint.paths import is_sample_path
from prr_lint.project.debian_folders import project_folder
from prr_lint.project.launchers import development_file
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.python3_syntax import first_construct
from prr_lint.project.python_versions import Version, Versions, release
from prr_lint.project.texts import read_bounded
from prr_lint.source_tokens import SourceTokens
from prr_lint.stamps import is_container_file, is_systemd_unit

Evidence = Tuple[Versions, str]
Tokens = List[tokenize.TokenInfo]
_SCRIPT_SUFFIX = ".wsgi"
# An Apache configuration's file name: `svc.conf`, `httpd.conf.production`, `vhost.conf.staging`.
_CONFIG_NAME = re.compile(r"\.conf(?:\.[\w-]+)?$")
# A release's own site-packages folder (Debian's system Python calls it dist-packages).
_SITE_PACKAGES = re.compile(r"(?<![\w.-])lib(?:64)?/python([23]\.\d+)/(?:site|dist)-packages(?![\w.-])")
# mod_wsgi's directives that put folders on the interpreter's path.
_WSGI_PATH = re.compile(r"^\s*WSGIPythonPath\s+(.*)$", re.IGNORECASE)
_DAEMON = re.compile(r"^\s*WSGIDaemonProcess\s", re.IGNORECASE)
_PYTHON_PATH_OPTION = re.compile(r"(?<!\S)python-path=(\"[^\"]*\"|'[^']*'|\S+)", re.IGNORECASE)
# A configuration of mod_wsgi: one of its directives, or the module loaded.
_MOD_WSGI_CONFIG = re.compile(r"^\s*(?:WSGI\w+|LoadModule\s+wsgi_module)\s", re.IGNORECASE | re.MULTILINE)
# Python 3 named in a mod_wsgi file: `python3`, `python3.8`, `py3`, `py36`, `mod_wsgi-py3.so`.
_PYTHON3_NAME = re.compile(r"(?<![A-Za-z0-9])py(?:thon)?3(?:\.(\d+))?", re.IGNORECASE)
# mod_wsgi built for Python 3 as a package installs it (Debian's, Red Hat's): python2_runtime.py's Python 3 signs.
MOD_WSGI_PYTHON3 = re.compile(r"(?<![\w.])(?:libapache2-mod-wsgi-py3|mod_wsgi-py3\d*|(?:rh-)?python3\d*-mod_wsgi)")
# What starts Apache or mod_wsgi in a Procfile, image or unit (`mod_wsgi-express`, `apache2ctl`, `FROM httpd:2.4`).
_RUNS_APACHE = re.compile(r"mod_wsgi|apache|httpd", re.IGNORECASE)
# Names a script reads to ask which Python runs it (`sys.version_info`, `sys.hexversion`, `six.PY2`).
_VERSION_NAMES = frozenset({"version_info", "hexversion", "PY2", "PY3", "python_version", "python_version_tuple"})
# Words that make a statement conditional, repeated or deferred, or that bind names other than by `=`.
_NOT_PLAIN = frozenset({"if", "elif", "else", "while", "for", "try", "except", "finally", "with", "def", "class",
                        "lambda", "and", "or", "not", "in", "is", "del", "async", "await", "yield", "return", "assert",
                        "raise", "import", "as", "global", "nonlocal", "remove", "discard", "pop"})
_BINDS = frozenset({"for", "import", "as", "global", "nonlocal", "del"})
# Calls that keep a folder a folder (`os.path.join(ROOT, 'lib/python2.6/site-packages')`) and those that add it.
_KEEPS_FOLDER = frozenset({"join", "abspath", "realpath", "normpath", "dirname", "expanduser", "expandvars", "format",
                           "str", "addsitedir", "append", "insert", "extend"})
_SKIPPED = frozenset({tokenize.NL, tokenize.COMMENT, tokenize.ENCODING})


def wsgi_declarations(root: str, files: Iterable[Tuple[str, str]], launch_files: Sequence[str] = ()) -> List[Evidence]:
    """The Python each of the project's WSGI script files and Apache configurations names, and where
    (`apache.example/production.wsgi: lib/python2.6/site-packages`), in path order (module docstring). `files` are
    the project tree's (folder, file name); `launch_files` its deployment's."""
    root = os.path.abspath(os.fspath(root))
    elsewhere = _deployed_elsewhere(root, launch_files)
    found: List[Evidence] = []
    folders: Dict[str, bool] = {}  # whether each folder is the project's own
    for folder, name in sorted(files):
        script = name.endswith(_SCRIPT_SUFFIX)
        path = os.path.join(folder, name)
        where = os.path.relpath(path, root)
        if (not script and _CONFIG_NAME.search(name) is None) or is_sample_path(where.replace(os.sep, "/")):
            continue
        if not folders.setdefault(folder, project_folder(root, os.path.abspath(folder))):
            continue
        text = read_bounded(path) or ""
        python2 = [] if elsewhere and script else _script_paths(text) if script else _config_paths(text)
        python3 = _python3_signs(text, script)
        if python2 or python3:
            shown = f"lib/python{python2[0][0]}.{python2[0][1]}/site-packages" if python2 else python3[0][1]
            found.append((frozenset({*python2, *(version for version, _ in python3)}), f"{where}: {shown}"))
    return found


def _deployed_elsewhere(root: str, launch_files: Sequence[str]) -> bool:
    """Some Procfile, image or systemd unit of the deployment runs neither Apache nor mod_wsgi: the service is
    deployed that way, and a WSGI script beside it is not how (module docstring)."""
    for path in launch_files:
        name = os.path.basename(path)
        deploys = name == "Procfile" or is_container_file(path) or is_systemd_unit(path)
        if deploys and not development_file(path, root) and _RUNS_APACHE.search(read_launch_text(path) or "") is None:
            return True
    return False


def _python3_signs(text: str, script: bool) -> List[Tuple[Version, str]]:
    """The Python 3 a mod_wsgi file names anywhere, and how (module docstring)."""
    signs = [(release(version), f"lib/python{version}/site-packages") for version in _SITE_PACKAGES.findall(text)
             if version.startswith("3")]
    if script or _MOD_WSGI_CONFIG.search(text) is not None:
        signs.extend((release(f"3.{match.group(1)}" if match.group(1) else "3"), match.group(0))
                     for match in _PYTHON3_NAME.finditer(text))
    if script and (construct := first_construct(text, "<wsgi>")) is not None:
        signs.append(((3, None), construct[1]))
    return signs


def _script_paths(text: str) -> List[Version]:
    """The Python 2 releases whose site-packages folder a WSGI script surely puts on the path (module docstring)."""
    lines = list(_logical_lines(text))
    if any(_asks_version(tokens) for _, tokens in lines):
        return []
    plain = [_plain(depth, tokens) for depth, tokens in lines]
    rebound: Set[str] = {token.string for (_, tokens), simple in zip(lines, plain) if not simple and _binds(tokens)
                         for token in tokens if token.type == tokenize.NAME}
    named: List[Version] = []
    values: Dict[str, List[Version]] = {}  # the folders each module-level name holds
    for (_, tokens), simple in zip(lines, plain):
        if not simple:
            continue
        split = next((number for number, token in enumerate(tokens) if _assigns(token)), -1)
        right = tokens[split + 1:]
        here = [] if _transforms(right) else [*_folders(right), *(version for number, token in enumerate(right)
                                                                   if _bare_name(right, number)
                                                                   for version in values.get(token.string, ()))]
        if _adds_to_path(tokens, split):
            named.extend(here)
        for number, token in enumerate(tokens[:max(split, 0)]):
            if _bare_name(tokens, number):
                values[token.string] = [] if token.string in rebound else here
    return list(dict.fromkeys(named))


def _logical_lines(text: str) -> Iterator[Tuple[int, Tokens]]:
    """Each complete statement line's tokens (no comments), with its indentation depth; a line the tokenizer stops in
    is left out."""
    depth, start, line = 0, 0, []  # type: int, int, Tokens
    for token in SourceTokens(text).each(universal_newlines=True):
        if token.type == tokenize.INDENT:
            depth += 1
        elif token.type == tokenize.DEDENT:
            depth -= 1
        elif token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            if line:
                yield start, line
            line = []
        elif token.type not in _SKIPPED:
            start = depth if not line else start
            line.append(token)


def _asks_version(tokens: Tokens) -> bool:
    """The statement reads which Python runs it (`sys.version_info`, `sys.version`, `six.PY2`)."""
    strings = [token.string for token in tokens]
    return any(token.type == tokenize.NAME and (token.string in _VERSION_NAMES or (
        token.string == "version" and strings[max(number - 2, 0):number] == ["sys", "."]))
        for number, token in enumerate(tokens))


def _plain(depth: int, tokens: Tokens) -> bool:
    """A module-level statement that runs once, unconditionally, and is no bare string (a docstring)."""
    return depth == 0 and tokens[0].type != tokenize.STRING and not any(
        token.type == tokenize.NAME and token.string in _NOT_PLAIN for token in tokens)


def _binds(tokens: Tokens) -> bool:
    """The statement may bind a name (`x = ...`, `for x in`, `import x`, `global x`)."""
    return any(_assigns(token) or (token.type == tokenize.NAME and token.string in _BINDS) for token in tokens)


def _assigns(token: tokenize.TokenInfo) -> bool:
    return token.type == tokenize.OP and token.string.endswith("=") and token.string not in ("==", "!=", "<=", ">=")


def _bare_name(tokens: Tokens, number: int) -> bool:
    """The token is a name, not an attribute (`os.path`'s `path`)."""
    return tokens[number].type == tokenize.NAME and (number == 0 or tokens[number - 1].string != ".")


def _transforms(tokens: Tokens) -> bool:
    """The expression calls something that may make a folder another (`pick(SITE)`)."""
    return any(token.type == tokenize.NAME and following.string == "(" and token.string not in _KEEPS_FOLDER
               for token, following in zip(tokens, tokens[1:]))


def _adds_to_path(tokens: Tokens, split: int) -> bool:
    """The statement puts folders on the path: `site.addsitedir(...)`, `sys.path.append/insert/extend(...)`, or an
    assignment to `sys.path` (`sys.path[:0] = [...]`)."""
    strings = [token.string for token in tokens]
    for number in range(len(strings) - 2):
        if strings[number:number + 3] == ["sys", ".", "path"]:
            if number < split or strings[number + 3:number + 5] in ([".", "append"], [".", "insert"], [".", "extend"]):
                return True
    return "addsitedir" in strings


def _folders(tokens: Tokens) -> List[Version]:
    """The Python 2 site-packages folders the statement's string literals name."""
    return [release(version) for token in tokens if token.type == tokenize.STRING
            for version in _SITE_PACKAGES.findall(token.string) if version.startswith("2")]


def _config_paths(text: str) -> List[Version]:
    """The Python 2 releases whose site-packages folder an Apache configuration's uncommented `WSGIPythonPath` or
    `WSGIDaemonProcess ... python-path=` names (a directive continued over lines with `\\` read whole); none where
    it starts more than one daemon process: which one serves the service is not read (another app's may be Python 2)."""
    named: List[Version] = []
    lines = text.replace("\\\n", " ").splitlines()
    if sum(_DAEMON.match(line) is not None for line in lines) > 1:
        return []
    for line in lines:  # a comment starts with `#`, where no directive matches
        values: List[str] = []
        if (match := _WSGI_PATH.match(line)) is not None:
            values.append(match.group(1))
        elif _DAEMON.match(line) is not None:
            values.extend(_PYTHON_PATH_OPTION.findall(line))
        named.extend(release(version) for value in values for version in _SITE_PACKAGES.findall(value)
                     if version.startswith("2"))
    return list(dict.fromkeys(named))
