"""The words of the project's files that the index does not hold, for the dead-code check (dead_code.py).

The per-file pass counts the words of every module it walks (word_counts.py); a name may also be held
by a file it never walks: a `#!` Python program without a `.py` name or a Pando simplate (`.spt`),
whose calls keep a function alive (`script_words`), or a template, a configuration file or another
language's script that names a method or a hook (`tree_words`). Reading those files is its own job:
which files count, how large a file may be, and that each set of suffixes is read once per run
however many mechanisms ask (dead_code.py, dead_scope.py, unloaded_files.py), and which words of them
may call a method by name at all (`tree_calling_words`: no comment line, no file name).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from typing import Dict, Iterator, Mapping, Optional, Set, Tuple

from prr_lint.project.project_tree import ProjectTree, project_tree
from prr_lint.tree_reads import read_bytes, read_text
from prr_lint.word_counts import WORD, literal_words, word_counts

_MAX_SCRIPT = 1 << 18
# A dotted path (the group), tried only where a run of word characters starts, past its leading digits: a try further
# into the run fails as the first one did (the same run's end must meet a `.` or `:`), and trying every position made
# a long run (a fixture's base64 blob) cost its length squared (oioioi's fixtures: 2.9 s of the run).
_DOTTED = re.compile(r"(?<![A-Za-z0-9_])[0-9]*([A-Za-z_][A-Za-z0-9_]*(?:[.:][A-Za-z_][A-Za-z0-9_]*)+)")
_PATH_END = re.compile(r"(?<=[A-Za-z0-9_][.:])([A-Za-z_][A-Za-z0-9_]*)")  # a name after `pkg.` or `mod:`
_ATTRIBUTE = re.compile(r"(?<=[A-Za-z0-9_)\]]\.)([A-Za-z_][A-Za-z0-9_]*)")  # a name after `obj.`, `f().`, `x[0].`
# Stands in a tuple of suffixes for text files whose name has no suffix at all: an `environment` file of
# `KEY=pkg.module.function` lines a deployment sources, a `Jenkinsfile`. A file holding a NUL byte is binary.
UNSUFFIXED = "(no suffix)"
# Text files that may name a method: templates, configuration, other languages' scripts; not documentation (`.md`,
# `.rst`), which calls nothing: a contributor guide lists methods only tests call (robosats' `CLNNode.newaddress`).
TEXT_SUFFIXES = (".html", ".htm", ".jinja", ".jinja2", ".j2", ".tpl", ".mako", ".pt", ".txt", ".xml", ".ini", ".cfg",
                 ".conf", ".toml", ".yaml", ".yml", ".json", ".js", ".ts", ".vue", ".sh", ".env",
                 "Dockerfile", "Containerfile", "Procfile", "Makefile", UNSUFFIXED)


# Text formats whose `#` starts a comment line: shell scripts, crontabs and env files (files without a
# suffix too), YAML, TOML, INI-style configuration, a Dockerfile or Containerfile, a Procfile, a Makefile.
_HASH_COMMENTS = (".sh", ".yaml", ".yml", ".toml", ".cfg", ".conf", ".ini", ".env", "Dockerfile", "Containerfile", "Procfile", "Makefile")
_COMMENT_LINE = re.compile(r"^[ \t]*#.*$", re.MULTILINE)
# A word that names a file: a script or data file (`refresh_cache.sh`), or a path's last segment of a log
# or output file (`/data/logs/refresh_cache.log`); not a template's attribute (`{{ run.log }}` may call `log`).
_FILE_NAME = re.compile(r"(?<![\w.])[A-Za-z_][A-Za-z0-9_]*\.(?:sh|bash|py|pid|sql|csv|tsv)\b"
                        r"|(?<=/)[A-Za-z_][A-Za-z0-9_]*\.(?:log|out|err|lock|txt)\b")


def _python_scripts(tree: ProjectTree) -> Iterator[str]:
    """Files without a suffix whose `#!` line names python, and Pando simplates (`.spt`): Python the
    index does not hold."""
    for folder, name in tree.files():
        if name.endswith(".spt"):
            yield os.path.join(folder, name)
            continue
        if "." in name:
            continue
        path = os.path.join(folder, name)
        first = (read_bytes(path, _MAX_SCRIPT) or b"")[:200].partition(b"\n")[0]
        if first.startswith(b"#!") and b"python" in first:
            yield path


def script_words(tree: ProjectTree) -> Optional[Dict[str, Mapping[str, int]]]:
    """How often each word occurs in each program the index does not hold, by its root-relative path
    as a module's; None when one cannot be read or the tree is unknown (a name it holds is unknown,
    so nothing may be called dead)."""
    if not tree.known:
        return None
    counts: Dict[str, Mapping[str, int]] = {}
    for path in _python_scripts(tree):
        text = read_text(path)
        if text is None:
            return None
        counts[os.path.relpath(path, tree.root).replace(os.sep, "/")] = word_counts(text)
    return counts


def tree_words(analysis, suffixes: Tuple[str, ...] = TEXT_SUFFIXES) -> Set[str]:
    """The words of the project's other text files (templates, configuration, scripts): a template
    may call a method by name (`{{ user.display_name() }}`), a configuration file name a hook. Read
    once per run for each set of suffixes, however many mechanisms ask."""
    return analysis.derived(f"tree-words:{' '.join(suffixes)}", lambda: _read_words(project_tree(analysis), suffixes))


def tree_calling_words(analysis) -> Set[str]:
    """The words of the project's other text files that may call a method or load a class by its name:
    not those of a comment line where `#` starts one, nor a file's name (sgd's crontab runs
    `refresh_cache.sh` into `refresh_cache.log` under a comment "# assume the refresh_cache script is done",
    beside a `refresh_cache` method nothing calls)."""
    return analysis.derived("tree-calling-words", lambda: _read_words(project_tree(analysis), TEXT_SUFFIXES, calling=True))


def tree_attribute_words(analysis) -> Set[str]:
    """The words of `tree_calling_words` that follow an attribute's dot (`{{ client.pause() }}`): all a template can
    call of an object the service hands it; a link's path (`href="auth/logout"`) or a label calls no method of it."""
    return analysis.derived("tree-attribute-words", lambda: _read_words(project_tree(analysis), TEXT_SUFFIXES, _ATTRIBUTE, calling=True))


def tree_loading_words(analysis, suffixes: Tuple[str, ...]) -> Set[str]:
    """The words of the project's text files of these suffixes that may hand a loader a name: not those of
    a comment nor of a string that is prose (word_counts.py `literal_words`: a sentence, a label), as
    YYeTsBot's worker `package.json` whose description, "A template for kick starting a Cloudflare Workers
    project", loads no `Cloudflare` class, and open-context's `change-secrets.json` whose label "EZID user name"
    loads no `EZID` class (the words `_path_text` gives a loader, as for a module's strings)."""
    return analysis.derived(f"tree-loading-words:{' '.join(suffixes)}",
                            lambda: _read_words(project_tree(analysis), suffixes, calling=True, prose=False))


def tree_path_ends(analysis, suffixes: Tuple[str, ...]) -> Set[str]:
    """The names that end a dotted path (`pkg.steps.MfaStep`, `pkg.mod:Plugin`) in the project's text files
    of these suffixes: what documentation can tell an operator to configure for a loader that takes a
    whole dotted path, where a bare name in prose (a changelog's "remove MfaStep") configures nothing."""
    return analysis.derived(f"tree-path-ends:{' '.join(suffixes)}",
                            lambda: _read_words(project_tree(analysis), suffixes, _PATH_END))


def tree_dotted_paths(analysis, suffixes: Tuple[str, ...]) -> Set[str]:
    """The dotted paths (`shop.apps.push`, `pkg.mod:Plugin`) of the project's text files of these suffixes that may
    configure something: not the rows' models of a file of Django's serialized data (`_django_fields`: a fixture's
    `"model": "shop.order"` names a model to store rows of, and configures nothing; its fields are read)."""
    return analysis.derived(f"tree-dotted-paths:{' '.join(suffixes)}",
                            lambda: _read_words(project_tree(analysis), suffixes, _DOTTED, data=False))


def _read_words(tree: ProjectTree, suffixes: Tuple[str, ...], pattern: "re.Pattern[str]" = WORD, calling: bool = False,
                prose: bool = True, data: bool = True) -> Set[str]:
    """`calling`: without comment lines and file names (`tree_calling_words`); without `prose`, only the words
    that occur beyond prose and labels (`tree_loading_words`); without `data`, no row's model of Django's
    serialized data."""
    found: Set[str] = set()
    unsuffixed = UNSUFFIXED in suffixes
    suffixes = tuple(suffix for suffix in suffixes if suffix != UNSUFFIXED)
    for folder, name in tree.files():
        wanted = name.endswith(suffixes) or unsuffixed and "." not in name
        text = read_text(os.path.join(folder, name), _MAX_SCRIPT) if wanted else None
        if not data and text and name.endswith(".json"):
            text = _django_fields(text)
        if text and "\0" not in text:
            if calling:
                text = _FILE_NAME.sub(" ", _COMMENT_LINE.sub("", text) if name.endswith(_HASH_COMMENTS) or "." not in name else text)
            if prose:
                found.update(pattern.findall(text))
            else:
                labels: Counter = Counter()
                spoken = Counter(literal_words(text, labels=labels)[0]) + labels
                found.update(word for word, count in word_counts(text).items() if count > spoken[word])
    return found


def _django_fields(text: str) -> str:
    """A JSON text without the `"model"` of each row when it is Django's serialized data (what `dumpdata` writes and
    `loaddata` reads: a list of objects, each with a `model` and its `fields`): a row's model names the table that
    stores it, while its fields may hold a dotted path the code loads (a plug-in row), and stay. Any other text
    (a file cut short does not parse) is kept whole."""
    try:
        rows = json.loads(text)
    except ValueError:
        return text
    if isinstance(rows, list) and rows and all(isinstance(row, dict) and isinstance(row.get("model"), str)
                                               and isinstance(row.get("fields"), dict) for row in rows):
        kept = [{key: value for key, value in row.items() if key != "model"} for row in rows]
        return json.dumps(kept, ensure_ascii=False)
    return text
